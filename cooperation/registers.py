"""The cooperation registers, declared once: cooperation agreements and the information exchanged
under them (recorded by their parties or the secretariat, read by their parties and those they
grant), and partners, stakeholder dialogues with their follow-up actions and political outreach
(public programme data the secretariat records)."""

import django_tables2 as tables

from cooperation import views
from cooperation.api.serializers import (
    AgreementSerializer,
    FollowUpActionSerializer,
    InformationExchangeSerializer,
    OutreachActionSerializer,
    PartnerSerializer,
    StakeholderDialogueSerializer,
)
from cooperation.api.views import AgreementViewSet, InformationExchangeViewSet
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
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.choices import ReportingFrequency
from core.registry import Register, register, single_date
from core.tables import StatusColumn


def partner_choices():
    return list(Partner.objects.order_by("name").values_list("pk", "name"))


# The cooperation registers' filters, named for what a reader looks for. The filtersets search
# with `q` themselves; `search` is the API's name of the same search, not shown twice.
FILTER_LABELS = {
    "allows_personal_data": "Allows personal data",
    "data_protection_clauses": "Data-protection clauses",
    "kind": "Kind",
    "partner": "Partner",
    "party": "Party (ISO code)",
}
FILTERS = {
    "filter_labels": FILTER_LABELS,
    "filter_lists": {"partner": partner_choices},
    "hidden_filters": ("search",),
}

# Cells that show more than a field: an agreement's parties on one line, where it stands (and
# whether it expires soon), where it stands in review, the title of the agreement an exchange is
# under only for a reader of that agreement (`ExchangeListView` says who reads it), the count of
# a dialogue's follow-up actions, whether a follow-up action is overdue or was done on time.
PARTIES = tables.TemplateColumn(
    '{% include "cooperation/_parties.html" with agreement=record %}',
    verbose_name="Parties",
    orderable=False,
)
AGREEMENT_STATUS = tables.TemplateColumn(
    "{{ record.get_agreement_status_display }}{% if record.expires_soon %} "
    '<span class="badge at_risk">expires soon</span>{% endif %}',
    verbose_name="Status",
    order_by=("agreement_status",),
)
AGREEMENT_IF_READ = tables.TemplateColumn(
    '{% if record.agreement_readable %}<a href="{{ record.agreement.get_absolute_url }}">'
    "{{ record.agreement.title }}</a>{% else %}"
    '<span class="muted">an agreement you may not read</span>{% endif %}',
    verbose_name="Agreement",
    # Sorting by the title would order the rows by titles the reader may not read.
    orderable=False,
)
# Where the record stands in review (its own `status` is the agreement's), as a badge.
REVIEW = StatusColumn(verbose_name="Review")
FOLLOW_UP_COUNT = tables.TemplateColumn(
    "{{ record.follow_up_actions.all|length }}",
    verbose_name="Follow-up actions",
    orderable=False,
    attrs={"td": {"class": "num"}, "th": {"class": "num"}},
)
DUE = tables.TemplateColumn(
    '{{ record.due }}{% if record.is_overdue %} <span class="badge off_track">overdue</span>'
    "{% endif %}",
    verbose_name="Due",
    order_by=("due",),
)
DONE_ON = tables.TemplateColumn(
    '{{ record.done_on|default:"–" }}{% if record.done_on %} <span class="muted">'
    '{{ record.done_on_time|yesno:"on time,late" }}</span>{% endif %}',
    verbose_name="Done on",
    order_by=("done_on",),
)

register(
    Register(
        path="cooperation/partners",
        model=Partner,
        description="Organisations customs cooperates with beyond the member administrations: "
        "international organisations, business associations, academia, tax authorities and "
        "other government agencies. Recorded by the secretariat.",
        serializer=PartnerSerializer,
        filterset=PartnerFilterSet,
        slug="partners",
        url_name="partner",
        form=PartnerForm,
        columns=("name", "acronym", "kind"),
        # The contact person is shown to signed-in users only (the template).
        facts=("kind",),
        detail_template="cooperation/partner_detail.html",
        views={"detail": views.PartnerDetailView},
        **FILTERS,
    )
)

register(
    Register(
        path="cooperation/agreements",
        model=Agreement,
        label="cooperation agreement",
        label_plural="cooperation agreements",
        description="Memorandums of understanding, customs mutual administrative assistance "
        "agreements and cooperation frameworks between members and partners, recorded by their "
        "parties or the secretariat. The parties read their agreements whatever their status; "
        "others read them once published, as far as their confidentiality allows.",
        members_report=True,
        frequency=ReportingFrequency.ON_EVENT,
        csv_key=("title", "signed_on"),
        serializer=AgreementSerializer,
        filterset=AgreementFilterSet,
        viewset=AgreementViewSet,
        # The API's `status` is where the agreement stands; its review is `submission_status`.
        workflow_status="submission_status",
        prefetch_related=("parties", "partners"),
        slug="agreements",
        url_name="agreement",
        form=AgreementForm,
        columns=(
            "title",
            "kind",
            ("parties", PARTIES),
            ("agreement_status", AGREEMENT_STATUS),
            ("entry_into_force", tables.Column(verbose_name="In force from")),
            ("expires_on", tables.Column(verbose_name="Last day in force")),
            "allows_personal_data",
            "confidentiality",
            ("status", REVIEW),
        ),
        detail_template="cooperation/agreement_detail.html",
        views={
            "detail": views.AgreementDetailView,
            "create": views.AgreementCreateView,
            "edit": views.AgreementEditView,
        },
        **{**FILTERS, "hidden_filters": ("search", "member")},
    )
)

register(
    Register(
        path="cooperation/information-exchanges",
        model=InformationExchange,
        description="Information one member's customs sent another's under a cooperation "
        "agreement, recorded by the sender or the secretariat. An exchange is read only by its "
        "sender, its receiver and those they grant; everyone else sees only counts, on the area "
        "page.",
        members_report=True,
        frequency=ReportingFrequency.ON_EVENT,
        period=single_date("date"),
        csv_key=("sender", "reference"),
        serializer=InformationExchangeSerializer,
        filterset=InformationExchangeFilterSet,
        viewset=InformationExchangeViewSet,
        select_related=("sender", "receiver", "agreement"),
        slug="exchanges",
        url_name="exchange",
        form=InformationExchangeForm,
        columns=(
            "reference",
            "date",
            "sender",
            "receiver",
            ("agreement", AGREEMENT_IF_READ),
            "category",
            "classification",
            "personal_data",
        ),
        detail_template="cooperation/exchange_detail.html",
        views={
            "list": views.ExchangeListView,
            "detail": views.ExchangeDetailView,
            "create": views.ExchangeCreateView,
            "edit": views.ExchangeEditView,
        },
        filter_labels={
            **FILTER_LABELS,
            "member": "Sender or receiver (ISO code)",
            "sender": "Sender (ISO code)",
            "receiver": "Receiver (ISO code)",
            "region": "Sender's or receiver's region",
            "personal_data": "Personal data",
        },
        hidden_filters=("search", "agreement"),
    )
)

register(
    Register(
        path="cooperation/dialogues",
        model=StakeholderDialogue,
        label="dialogue event",
        label_plural="stakeholder dialogue events",
        description="Dialogue events with business and other stakeholders: Private Sector "
        "Consultative Group meetings, consultations, workshops; the partners and members taking "
        "part, and the follow-up actions agreed. Recorded by the secretariat.",
        serializer=StakeholderDialogueSerializer,
        filterset=StakeholderDialogueFilterSet,
        prefetch_related=("partners", "members", "follow_up_actions"),
        slug="dialogues",
        url_name="dialogue",
        form=StakeholderDialogueForm,
        columns=("title", "kind", "held_on", "partners", ("follow_up", FOLLOW_UP_COUNT)),
        facts=("kind", "held_on", "partners", "members", "outcomes"),
        detail_template="cooperation/dialogue_detail.html",
        **{**FILTERS, "filter_labels": {**FILTER_LABELS, "region": "Region of a member"}},
    )
)

register(
    Register(
        path="cooperation/follow-up-actions",
        model=FollowUpAction,
        description="Actions agreed at stakeholder dialogue events: who carries them out, by "
        "when, and whether they were done on time.",
        serializer=FollowUpActionSerializer,
        filterset=FollowUpActionFilterSet,
        select_related=("dialogue",),
        slug="follow-up",
        url_name="follow_up",
        form=FollowUpActionForm,
        # An action is shown on its dialogue's page: it has no page of its own.
        detail_page=False,
        columns=(
            "action",
            ("dialogue", tables.Column(verbose_name="Dialogue", linkify=True)),
            "owner",
            ("due", DUE),
            "status",
            ("done_on", DONE_ON),
        ),
        views={
            "create": views.FollowUpCreateView,
            "edit": views.FollowUpEditView,
        },
        **{**FILTERS, "hidden_filters": ("search", "dialogue")},
    )
)

register(
    Register(
        path="cooperation/outreach-actions",
        model=OutreachAction,
        label="political outreach action",
        label_plural="political outreach actions",
        description="Actions raising awareness at political level of the need to cooperate: "
        "high-level meetings, statements, forums such as the G20 or UN bodies; whom they reached "
        "and the programme commitments they serve.",
        serializer=OutreachActionSerializer,
        filterset=OutreachActionFilterSet,
        select_related=("region",),
        prefetch_related=("members", "commitments"),
        slug="outreach",
        url_name="outreach",
        form=OutreachActionForm,
        columns=(
            "title",
            "kind",
            "held_on",
            "forum",
            "region",
            (
                "commitments",
                tables.ManyToManyColumn(
                    verbose_name="Commitments",
                    transform=lambda commitment: commitment.code,
                    orderable=False,
                ),
            ),
        ),
        facts=("kind", "held_on", "forum", "audience", "reached", "outcome", "commitments"),
        **{**FILTERS, "filter_labels": {**FILTER_LABELS, "commitment": "Commitment served"}},
    )
)
