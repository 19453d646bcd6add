"""Browser pages of the cooperation area beyond its registers' generic pages (declared in
`cooperation.registers`): the area at a glance, and the few register pages that show or do more.
The secretariat records partners, dialogues with their follow-up actions and outreach actions
(public programme data); the secretariat and the parties' users record agreements, and senders'
users record the information they exchanged.

Agreements are read as `Agreement.objects.for_user` gives (a confidential one, in the
secretariat, only by the staff named on it); an information exchange only by its sender, its
receiver and those granted it. Everyone else sees aggregate counts on the area page, never an
exchange's details. Who may share an agreement or an exchange is the model's `shared_by(user)`.

The area page calls the services, a fixed number of queries each, whatever the number of
records."""

from datetime import date

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import CreateView, TemplateView, UpdateView

from cooperation import services
from cooperation.choices import ExchangeCategory
from cooperation.models import EXPIRY_WARNING_DAYS, Agreement, InformationExchange
from cooperation.querysets import twelve_months_to
from core.charts import bar_chart
from core.models import Commitment
from core.progress import ProgrammeSnapshot
from core.querysets import VIEW
from core.roles import is_secretariat, member_ids_for
from core.views import (
    RecordDetailView,
    RecordFormMixin,
    RegisterListView,
    SecretariatCreateView,
    SecretariatEditView,
    SharedRecordMixin,
    records_of,
)


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
                .prefetch_related("parties", "partners")
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


# --- pages that show more than their register's generic page -------------------------------


class ExchangeListView(RegisterListView):
    """The exchanges the user reads (sent, received or granted), each with the title of its
    agreement only when the user reads that agreement too."""

    def with_related(self, queryset):
        return queryset.with_agreement_readable(self.request.user)


class PartnerDetailView(RecordDetailView):
    """A partner, with the agreements it is a party to that the user reads, and the dialogue
    events it took part in."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_partner = Agreement.partners.through.objects.filter(partner_id=self.object.pk)
        context["agreements"] = list(
            Agreement.objects.for_user(self.request.user, VIEW)
            .filter(pk__in=with_partner.values("agreement_id"))
            .prefetch_related("parties")
        )
        context["dialogues"] = list(self.object.dialogues.order_by("-held_on", "title"))
        return context


class AgreementDetailView(SharedRecordMixin, RecordDetailView):
    """An agreement, its parties, its data protection and the exchanges under it the user may
    read. Any party's users, like the secretariat, get the workflow's buttons (an agreement
    has several member parties, not one member); those who share it (`Agreement.shared_by`)
    see and change who else reads it."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, agreement = self.request.user, self.object
        own = is_secretariat(user) or agreement.acts_for_a_party(user)
        context["workflow"] = True
        context["may_edit"] = own and agreement.is_editable_by(user)
        context["may_submit"] = own and agreement.status in agreement.EDITABLE_BY_MEMBER
        context["may_record_exchange"] = own
        context["exchanges"] = list(
            InformationExchange.objects.for_user(user, VIEW)
            .filter(agreement=agreement)
            .select_related("sender", "receiver")
        )
        return context


class ExchangeDetailView(SharedRecordMixin, RecordDetailView):
    """An exchange, for its sender, its receiver and those granted it, with the title of its
    agreement only for a reader of that agreement. Its sender's users (and the staff named on
    it) correct it and share it: with members, and with named staff whatever its
    classification (in the secretariat only the staff named read an exchange)."""

    def get_queryset(self):
        return super().get_queryset().with_agreement_readable(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, exchange = self.request.user, self.object
        context["may_change"] = is_secretariat(user) or exchange.sender_id in member_ids_for(user)
        if context["may_grant"]:
            context["owners"] = "its sender and its receiver"
        return context


# --- agreements and exchanges: recorded by their parties or the secretariat ------------------


class UserFormMixin:
    """The form knows who fills it (the rules on who may be a party or a sender)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class PartyCreateView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, CreateView):
    """The secretariat, or a member administration's user; council users only read.
    `?field=value` pre-fills the fields named in `initial_from_query`."""

    refusal = "Only a member administration or the secretariat records this."
    initial_from_query = ()

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (is_secretariat(user) or member_ids_for(user)):
            raise PermissionDenied(self.refusal)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for field in self.initial_from_query:
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial


class AgreementCreateView(PartyCreateView):
    refusal = "Only a party's administration or the secretariat records an agreement."


class AgreementEditView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, UpdateView):
    """A party's users change a draft or returned agreement, the secretariat any it reads.
    Out of sight: 404; seen but not the user's to change: 403."""

    def get_object(self, queryset=None):
        user = self.request.user
        agreement = get_object_or_404(records_of(self, user), pk=self.kwargs["pk"])
        if not (is_secretariat(user) or agreement.acts_for_a_party(user)):
            raise PermissionDenied("Only a party to the agreement, or the secretariat, changes it.")
        if not agreement.is_editable_by(user):
            raise PermissionDenied(
                f"A {agreement.get_status_display().lower()} agreement is changed by the "
                "secretariat."
            )
        return agreement


class ExchangeCreateView(PartyCreateView):
    """`?agreement=` pre-fills the agreement (from the agreement's page)."""

    refusal = "Only the sending administration or the secretariat records an exchange."
    initial_from_query = ("agreement",)


class ExchangeEditView(LoginRequiredMixin, UserFormMixin, RecordFormMixin, UpdateView):
    """Its sender's users (and the staff named on it) correct an exchange; its receiver and
    the members granted read it only (403)."""

    def get_object(self, queryset=None):
        user = self.request.user
        exchange = get_object_or_404(records_of(self, user), pk=self.kwargs["pk"])
        if not (is_secretariat(user) or exchange.sender_id in member_ids_for(user)):
            raise PermissionDenied("Only the sending administration changes an exchange.")
        return exchange


# --- follow-up actions: shown on their dialogue's page ---------------------------------------


class BackToDialogueMixin:
    """A follow-up action has no page of its own: saved, or cancelled, the form goes back to
    the page of its dialogue, which lists it."""

    def success_url_for(self, record):
        return record.get_absolute_url()


class FollowUpCreateView(BackToDialogueMixin, SecretariatCreateView):
    """`?dialogue=` pre-fills the dialogue (from the dialogue's page)."""

    initial_from_query = ("dialogue",)


class FollowUpEditView(BackToDialogueMixin, SecretariatEditView):
    pass
