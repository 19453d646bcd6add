"""Browser pages of the cooperation registers: thin views on the scoped querysets, the model
rules and the services (STYLE.md). The secretariat records partners, dialogues with their
follow-up actions and outreach actions (public programme data); the secretariat and the parties'
users record agreements, and senders' users record the information they exchanged.

Agreements are read as `Agreement.objects.for_user` gives (a confidential one, in the
secretariat, only by the staff named on it); an information exchange only by its sender, its
receiver and those granted it. Everyone else sees aggregate counts on the area page, never an
exchange's details. Who may share an agreement or an exchange is the model's `shared_by(user)`.

Lists fetch what their rows show with select_related and prefetch_related, and the area page
calls the services, a fixed number of queries each (STYLE.md habit 1)."""

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import CreateView, TemplateView, UpdateView

from cooperation import services
from cooperation.choices import ExchangeCategory
from cooperation.filtersets import (
    AgreementFilterSet,
    FollowUpActionFilterSet,
    InformationExchangeFilterSet,
    OutreachActionFilterSet,
    PartnerFilterSet,
    StakeholderDialogueFilterSet,
)
from cooperation.forms import (
    AgreementForm,
    FollowUpActionForm,
    InformationExchangeForm,
    OutreachActionForm,
    PartnerForm,
    StakeholderDialogueForm,
)
from cooperation.models import (
    EXPIRY_WARNING_DAYS,
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from cooperation.querysets import twelve_months_to
from core.charts import bar_chart
from core.models import Commitment, Member
from core.progress import ProgrammeSnapshot
from core.querysets import VIEW
from core.roles import is_secretariat, member_ids_for
from core.views import (
    ReadAccessView,
    RecordDetailView,
    RecordFormMixin,
    RecordTransitionView,
    RegisterListView,
    SecretariatCreateView,
    SecretariatEditView,
    SharedRecordMixin,
)

# Members and partners as the rows and details show them.
MEMBERS = Prefetch("parties", queryset=Member.objects.order_by("name"))
PARTNERS = Prefetch("partners", queryset=Partner.objects.order_by("name"))


def per_year_chart(counts, title):
    """{year: count} as bars, one a year."""
    most = max(counts.values(), default=0)
    return bar_chart(
        [(str(year), count, "on_track") for year, count in sorted(counts.items())],
        title=title,
        maximum=most or 1,
        percent=False,
    )


# --- the area page ---------------------------------------------------------------------------


class AreaView(TemplateView):
    """Cooperation at a glance: its commitments (COOP-1 to COOP-3), key figures of today,
    dialogues and outreach per year, outreach per region, the agreements the user may read that
    expire soon, and the information exchanged as aggregate counts only."""

    template_name = "cooperation/area.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        # The same twelve months as the computed indicators beside these figures.
        year_ago = twelve_months_to(today)
        snapshot = ProgrammeSnapshot(
            today=today, commitments=Commitment.objects.filter(area__code="cooperation")
        )
        by_region = services.outreach_by_region(year_ago, today)
        most_by_region = max((count for _, _, count in by_region), default=0)
        exchanges_since = date(today.year - 4, 1, 1)
        # Counts only, for everyone (as the API's exchange counts, the summary and the report).
        exchanges = services.exchange_counts(exchanges_since, today)
        context.update(
            today=today,
            area_state=snapshot.area_states[0] if snapshot.area_states else None,
            figures={
                "data_protection": services.data_protection_figures(today),
                "dialogues": services.dialogues_in_year(today),
                "outreach": services.outreach_actions_in_year(today),
                "follow_up": services.follow_up_on_time(year_ago, today),
            },
            dialogue_chart=per_year_chart(
                services.dialogues_by_year(today), "Stakeholder dialogue events per year"
            ),
            outreach_chart=per_year_chart(
                services.outreach_by_year(today), "Political outreach actions per year"
            ),
            outreach_regions=by_region,
            region_chart=bar_chart(
                [(name, count, "on_track") for _, name, count in by_region],
                title=f"Outreach actions by region, twelve months to {today:%d %B %Y}",
                maximum=most_by_region or 1,
                percent=False,
            ),
            # Only the agreements the user may read.
            expiring=list(
                Agreement.objects.for_user(user, VIEW)
                .expiring_within(EXPIRY_WARNING_DAYS, today)
                .prefetch_related(MEMBERS, PARTNERS)
                .order_by("expires_on", "title", "id")
            ),
            expiry_days=EXPIRY_WARNING_DAYS,
            exchanges=exchanges,
            exchange_categories=[
                (label, exchanges["by_category"][value])
                for value, label in ExchangeCategory.choices
            ]
            if exchanges
            else [],
            exchanges_since=exchanges_since,
        )
        return context


# --- lists -----------------------------------------------------------------------------------


def partner_choices():
    return list(Partner.objects.order_by("name").values_list("pk", "name"))


class CooperationListView(RegisterListView):
    """A cooperation register's list. The filtersets search with `q` (and `search`, the API's
    name, not shown twice)."""

    hidden_filters = ("search",)
    filter_labels = {
        "allows_personal_data": "Allows personal data",
        "confidentiality": "Confidentiality",
        "data_protection_clauses": "Data-protection clauses",
        "kind": "Kind",
        "partner": "Partner",
        "party": "Party (ISO code)",
        "submission_status": "Review status",
    }
    filter_lists = {"partner": partner_choices}


class PartnerListView(CooperationListView):
    model = Partner
    template_name = "cooperation/partner_list.html"
    filterset_class = PartnerFilterSet


class AgreementListView(CooperationListView):
    """Only the agreements `for_user` gives: a confidential one, in the secretariat, only to
    the staff named on it."""

    model = Agreement
    template_name = "cooperation/agreement_list.html"
    filterset_class = AgreementFilterSet
    hidden_filters = ("search", "member")

    def with_related(self, queryset):
        return queryset.prefetch_related(MEMBERS, PARTNERS)


class ExchangeListView(CooperationListView):
    """Only the exchanges `for_user` gives: sent, received or granted."""

    model = InformationExchange
    template_name = "cooperation/exchange_list.html"
    filterset_class = InformationExchangeFilterSet
    hidden_filters = ("search", "agreement")
    filter_labels = {
        **CooperationListView.filter_labels,
        "member": "Sender or receiver (ISO code)",
        "sender": "Sender (ISO code)",
        "receiver": "Receiver (ISO code)",
        "region": "Sender's or receiver's region",
        "personal_data": "Personal data",
    }

    def with_related(self, queryset):
        return queryset.select_related("sender", "receiver", "agreement").with_agreement_readable(
            self.request.user
        )


class DialogueListView(CooperationListView):
    model = StakeholderDialogue
    template_name = "cooperation/dialogue_list.html"
    filterset_class = StakeholderDialogueFilterSet
    filter_labels = {**CooperationListView.filter_labels, "region": "Region of a member"}

    def with_related(self, queryset):
        return queryset.prefetch_related(PARTNERS, "follow_up_actions")


class FollowUpListView(CooperationListView):
    model = FollowUpAction
    template_name = "cooperation/follow_up_list.html"
    filterset_class = FollowUpActionFilterSet
    hidden_filters = ("search", "dialogue")

    def with_related(self, queryset):
        return queryset.select_related("dialogue")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class OutreachListView(CooperationListView):
    model = OutreachAction
    template_name = "cooperation/outreach_list.html"
    filterset_class = OutreachActionFilterSet
    filter_labels = {**CooperationListView.filter_labels, "commitment": "Commitment served"}

    def with_related(self, queryset):
        return queryset.select_related("region").prefetch_related(
            Prefetch("commitments", queryset=Commitment.objects.order_by("code"))
        )


# --- details ---------------------------------------------------------------------------------


class PartnerDetailView(RecordDetailView):
    model = Partner
    template_name = "cooperation/partner_detail.html"
    context_object_name = "partner"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_partner = Agreement.partners.through.objects.filter(partner_id=self.object.pk)
        context["agreements"] = list(
            Agreement.objects.for_user(self.request.user, VIEW)
            .filter(pk__in=with_partner.values("agreement_id"))
            .prefetch_related(MEMBERS)
        )
        context["dialogues"] = list(self.object.dialogues.order_by("-held_on", "title"))
        return context


class AgreementDetailView(SharedRecordMixin, RecordDetailView):
    """An agreement, its parties, its data protection and the exchanges under it the user may
    read. Its parties' users and the secretariat get the workflow buttons; those who share it
    (`Agreement.shared_by`) see and change who else reads it."""

    model = Agreement
    template_name = "cooperation/agreement_detail.html"
    context_object_name = "agreement"
    access_url_name = "cooperation:agreement_access"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(MEMBERS, PARTNERS)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, agreement = self.request.user, self.object
        own = is_secretariat(user) or agreement.acts_for_a_party(user)
        context["may_edit"] = own and agreement.is_editable_by(user)
        context["may_submit"] = own and agreement.status in agreement.EDITABLE_BY_MEMBER
        context["may_record_exchange"] = is_secretariat(user) or agreement.acts_for_a_party(user)
        context["exchanges"] = list(
            InformationExchange.objects.for_user(user, VIEW)
            .filter(agreement=agreement)
            .select_related("sender", "receiver")
        )
        return context


class ExchangeDetailView(SharedRecordMixin, RecordDetailView):
    """An exchange, for its sender, its receiver and those granted it. Its sender's users and
    the staff named on it share it: with members, and with named staff whatever its
    classification (in the secretariat only the staff named read an exchange)."""

    model = InformationExchange
    template_name = "cooperation/exchange_detail.html"
    context_object_name = "exchange"
    access_url_name = "cooperation:exchange_access"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("sender", "receiver", "agreement")
            .with_agreement_readable(self.request.user)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, exchange = self.request.user, self.object
        context["may_edit"] = is_secretariat(user) or exchange.sender_id in member_ids_for(user)
        return context


class DialogueDetailView(RecordDetailView):
    model = StakeholderDialogue
    template_name = "cooperation/dialogue_detail.html"
    context_object_name = "dialogue"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                PARTNERS,
                Prefetch("members", queryset=Member.objects.select_related("region")),
                "follow_up_actions",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class OutreachDetailView(RecordDetailView):
    model = OutreachAction
    template_name = "cooperation/outreach_detail.html"
    context_object_name = "outreach"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("region")
            .prefetch_related(
                Prefetch("members", queryset=Member.objects.order_by("name")),
                Prefetch("commitments", queryset=Commitment.objects.order_by("code")),
            )
        )


# --- agreements and exchanges: recorded by their parties or the secretariat ------------------


class UserFormMixin:
    """The form knows who fills it (the rules on who may be a party or a sender)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class PartyCreateView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, CreateView):
    """The secretariat, or a member administration's user; council users only read."""

    refusal = "Only a member administration or the secretariat records this."

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (is_secretariat(user) or member_ids_for(user)):
            raise PermissionDenied(self.refusal)
        return super().dispatch(request, *args, **kwargs)


class AgreementCreateView(PartyCreateView):
    model = Agreement
    form_class = AgreementForm
    list_url_name = "agreement_list"
    refusal = "Only a party's administration or the secretariat records an agreement."


class AgreementEditView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, UpdateView):
    """A party's users change a draft or returned agreement, the secretariat any it reads.
    Out of sight: 404; seen but not the user's to change: 403 (DESIGN.md 4)."""

    model = Agreement
    form_class = AgreementForm

    def get_object(self, queryset=None):
        user = self.request.user
        agreement = get_object_or_404(
            Agreement.objects.for_user(user, VIEW).prefetch_related("parties"),
            pk=self.kwargs["pk"],
        )
        if not (is_secretariat(user) or agreement.acts_for_a_party(user)):
            raise PermissionDenied("Only a party to the agreement, or the secretariat, changes it.")
        if not agreement.is_editable_by(user):
            raise PermissionDenied(
                f"A {agreement.get_status_display().lower()} agreement is changed by the "
                "secretariat."
            )
        return agreement


class AgreementTransitionView(RecordTransitionView):
    model = Agreement


class AgreementAccessView(ReadAccessView):
    """Grant or revoke read access: a party is never granted what it always reads."""

    model = Agreement


class ExchangeCreateView(PartyCreateView):
    model = InformationExchange
    form_class = InformationExchangeForm
    list_url_name = "exchange_list"
    refusal = "Only the sending administration or the secretariat records an exchange."
    initial_from_query = ("agreement",)

    def get_initial(self):
        initial = super().get_initial()
        for field in self.initial_from_query:
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial


class ExchangeEditView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, UpdateView):
    """Its sender's users (and the staff named on it) correct an exchange; its receiver and
    the members granted read it only (403)."""

    model = InformationExchange
    form_class = InformationExchangeForm

    def get_object(self, queryset=None):
        user = self.request.user
        exchange = get_object_or_404(
            InformationExchange.objects.for_user(user, VIEW).select_related("sender"),
            pk=self.kwargs["pk"],
        )
        if not (is_secretariat(user) or exchange.sender_id in member_ids_for(user)):
            raise PermissionDenied("Only the sending administration changes an exchange.")
        return exchange


class ExchangeAccessView(ReadAccessView):
    model = InformationExchange


# --- the secretariat's registers -------------------------------------------------------------


class PartnerCreateView(SecretariatCreateView):
    model = Partner
    form_class = PartnerForm
    list_url_name = "partner_list"


class PartnerEditView(SecretariatEditView):
    model = Partner
    form_class = PartnerForm


class DialogueCreateView(SecretariatCreateView):
    model = StakeholderDialogue
    form_class = StakeholderDialogueForm
    list_url_name = "dialogue_list"


class DialogueEditView(SecretariatEditView):
    model = StakeholderDialogue
    form_class = StakeholderDialogueForm


class FollowUpCreateView(SecretariatCreateView):
    model = FollowUpAction
    form_class = FollowUpActionForm
    list_url_name = "follow_up_list"
    initial_from_query = ("dialogue",)


class FollowUpEditView(SecretariatEditView):
    model = FollowUpAction
    form_class = FollowUpActionForm


class OutreachCreateView(SecretariatCreateView):
    model = OutreachAction
    form_class = OutreachActionForm
    list_url_name = "outreach_list"


class OutreachEditView(SecretariatEditView):
    model = OutreachAction
    form_class = OutreachActionForm
