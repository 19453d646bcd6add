"""The governance registers, declared once: the WCO's bodies, their positions and the mandates
that fill them, the decision register and its documents, meetings and members' attendance,
consultations (the secretariat keeps them all) and members' responses to consultations (members
report them)."""

from operator import attrgetter

import django_tables2 as tables

from core.choices import ReportingFrequency
from core.registry import Register, register, single_date
from governance import services, views
from governance.api.serializers import (
    AttendanceSerializer,
    BodySerializer,
    ConsultationResponseSerializer,
    ConsultationSerializer,
    DecisionDocumentSerializer,
    DecisionSerializer,
    MandateSerializer,
    MeetingSerializer,
    PositionSerializer,
)
from governance.api.views import (
    ConsultationViewSet,
    DecisionViewSet,
    MandateViewSet,
    MeetingViewSet,
)
from governance.filtersets import (
    AttendanceFilterSet,
    ConsultationFilterSet,
    ConsultationResponseFilterSet,
    DecisionDocumentFilterSet,
    DecisionFilterSet,
    MandateFilterSet,
    MeetingFilterSet,
    PositionFilterSet,
)
from governance.forms import (
    ConsultationForm,
    ConsultationResponseForm,
    DecisionForm,
    MandateForm,
    MeetingForm,
    PositionForm,
)
from governance.models import (
    Attendance,
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
    Position,
)


def body_choices():
    return [(b.code, b.name) for b in Body.objects.order_by("name")]


# The governance registers' filters, named for what a reader looks for. The ids that links
# pass (a meeting's decisions, a position's mandates) travel as hidden fields.
FILTERS = {
    "filter_labels": {
        "body": "Body",
        "consultation": "Consultation (reference)",
        "current": "In force today",
        "published": "Published",
    },
    "filter_lists": {"body": body_choices},
    "hidden_filters": ("meeting", "position"),
}

# Cells worked out from a row: their list views fetch what the rows need alongside (the
# current holder, the responses) and give the day (`today`).
CURRENT_HOLDER = (
    "{% if record.current_holder %}{{ record.current_holder }} "
    '<span class="muted">until {{ record.current_end }}</span>'
    '{% else %}<span class="muted">vacant</span>{% endif %}'
)
TERM_END = (
    "{{ record.end }}{% if record.start <= today and record.end >= today %} "
    '<span class="muted">({{ record.days_left }} days left)</span>{% endif %}'
)
TERM = "{{ record.term_number }} of {{ record.position.max_terms }}"
WITHIN_LIMITS = (
    '{% if record.respects_term_limits %}<span class="badge on_track">yes</span>'
    '{% else %}<span class="badge off_track">no</span>{% endif %}'
)
VOTES = (
    '{{ record.votes_for|default_if_none:"–" }} / {{ record.votes_against|default_if_none:"–" }}'
    ' / {{ record.votes_abstain|default_if_none:"–" }}'
)
PUBLISHED = (
    '{% if record.published_at %}{{ record.published_at|date:"Y-m-d" }}'
    '{% else %}<span class="badge draft">unpublished</span>{% endif %}'
)
CLOSES_ON = (
    "{{ record.closes_on }}{% if record.opened_on <= today and record.closes_on >= today %} "
    '<span class="badge on_track">open</span>{% endif %}'
)
RESPONSES = (
    "<a href=\"{% url 'governance:response_list' %}"
    '?consultation={{ record.reference|urlencode }}">{{ record.responses_visible }}</a>'
)
# The workflow's status as a badge styled by its value (core's status column styles it by its
# label).
OWN_RESPONSE = (
    "{% if record.own_response %}"
    "<a href=\"{% url 'governance:response_detail' record.own_response %}\">view</a>"
    "{% elif record.opened_on <= today and record.closes_on >= today %}"
    "<a href=\"{% url 'governance:response_create' %}?consultation={{ record.pk }}\">respond</a>"
    "{% else %}–{% endif %}"
)

register(
    Register(
        path="governance/bodies",
        model=Body,
        description="The WCO's governing and working bodies: the Council, the Policy "
        "Commission, their committees and working groups.",
        serializer=BodySerializer,
    )
)

register(
    Register(
        path="governance/positions",
        model=Position,
        description="Positions in the WCO's bodies, the length of their terms and how many "
        "consecutive terms one holder may serve.",
        serializer=PositionSerializer,
        filterset=PositionFilterSet,
        select_related=("body",),
        search=("title", "body__name"),
        slug="positions",
        url_name="position",
        form=PositionForm,
        columns=(
            "title",
            "body",
            ("term_years", tables.Column(verbose_name="Term (years)")),
            ("max_terms", tables.Column(verbose_name="Consecutive terms")),
            "higher_responsibility",
            (
                "current_holder",
                tables.TemplateColumn(
                    CURRENT_HOLDER, verbose_name="Current holder", orderable=False
                ),
            ),
        ),
        detail_template="governance/position_detail.html",
        views={
            "list": views.PositionListView,
            "detail": views.PositionDetailView,
            "create": views.PositionCreateView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="governance/mandates",
        model=Mandate,
        description="Who holds each position, from when to when, and which consecutive term it "
        "is: a position of higher responsibility is held for five years, renewable once.",
        serializer=MandateSerializer,
        filterset=MandateFilterSet,
        viewset=MandateViewSet,
        select_related=("position__body", "member"),
        slug="mandates",
        url_name="mandate",
        form=MandateForm,
        columns=(
            "holder",
            "position",
            "member",
            "start",
            ("end", tables.TemplateColumn(TERM_END, verbose_name="End")),
            ("term_number", tables.TemplateColumn(TERM, verbose_name="Term")),
            (
                "within_limits",
                tables.TemplateColumn(WITHIN_LIMITS, verbose_name="Within limits", orderable=False),
            ),
        ),
        detail_template="governance/mandate_detail.html",
        views={
            "list": views.MandateListView,
            "detail": views.MandateDetailView,
            "create": views.MandateCreateView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="governance/decisions",
        model=Decision,
        description="Decisions of the WCO's bodies, with their votes and the commitments they "
        "serve; members and the public read them once the secretariat publishes them.",
        serializer=DecisionSerializer,
        filterset=DecisionFilterSet,
        viewset=DecisionViewSet,
        select_related=("body", "meeting"),
        prefetch_related=("commitments",),
        slug="decisions",
        url_name="decision",
        form=DecisionForm,
        columns=(
            "reference",
            "title",
            "body",
            "decided_on",
            "outcome",
            (
                "votes",
                tables.TemplateColumn(
                    VOTES, verbose_name="For / against / abstain", orderable=False
                ),
            ),
            (
                "commitments",
                tables.ManyToManyColumn(
                    transform=attrgetter("code"), linkify_item=True, verbose_name="Commitments"
                ),
            ),
            ("published_at", tables.TemplateColumn(PUBLISHED, verbose_name="Published")),
        ),
        detail_template="governance/decision_detail.html",
        views={"create": views.DecisionCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="governance/decision-documents",
        model=DecisionDocument,
        description="The documents of a decision (its minutes, the text adopted) in the WCO's "
        "repository, read with the decision once it is published.",
        serializer=DecisionDocumentSerializer,
        filterset=DecisionDocumentFilterSet,
        select_related=("decision",),
    )
)

register(
    Register(
        path="governance/meetings",
        model=Meeting,
        description="Sessions of the WCO's bodies and the members' attendance the secretariat "
        "recorded.",
        serializer=MeetingSerializer,
        filterset=MeetingFilterSet,
        viewset=MeetingViewSet,
        select_related=("body",),
        # Explicit: the attendance counts group the rows, and grouped rows drop Meta.ordering.
        ordering=("-held_on", "id"),
        slug="meetings",
        url_name="meeting",
        form=MeetingForm,
        columns=(
            "title",
            "body",
            "held_on",
            "ends_on",
            "location",
            ("in_person", tables.Column(verbose_name="In person")),
            ("remote", tables.Column(verbose_name="Remote")),
            ("absent", tables.Column(verbose_name="Absent")),
        ),
        facts=("body", "held_on", "ends_on", "location"),
        detail_template="governance/meeting_detail.html",
        views={
            "list": views.MeetingListView,
            "detail": views.MeetingDetailView,
            "create": views.MeetingCreateView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="governance/attendances",
        model=Attendance,
        label_plural="attendances at meetings",
        description="Whether each member administration took part in a meeting, in person or "
        "remotely: the roll the secretariat records, one member a row.",
        csv_key=("meeting", "member"),
        serializer=AttendanceSerializer,
        filterset=AttendanceFilterSet,
        select_related=("member", "meeting"),
        ordering=("-meeting__held_on", "meeting_id", "member__code"),
    )
)

register(
    Register(
        path="governance/consultations",
        model=Consultation,
        description="Consultations of all members by the secretariat, each open for members' "
        "responses for a while.",
        serializer=ConsultationSerializer,
        filterset=ConsultationFilterSet,
        viewset=ConsultationViewSet,
        # Explicit: the response counts group the rows, and grouped rows drop Meta.ordering.
        ordering=("-opened_on", "reference"),
        slug="consultations",
        url_name="consultation",
        form=ConsultationForm,
        columns=(
            "reference",
            "title",
            "opened_on",
            ("closes_on", tables.TemplateColumn(CLOSES_ON, verbose_name="Closes on")),
            ("responses_visible", tables.TemplateColumn(RESPONSES, verbose_name="Responses")),
            (
                "own_response",
                tables.TemplateColumn(OWN_RESPONSE, verbose_name="Your response", orderable=False),
            ),
        ),
        detail_template="governance/consultation_detail.html",
        views={"list": views.ConsultationListView, "detail": views.ConsultationDetailView},
    )
)

register(
    Register(
        path="governance/consultation-responses",
        model=ConsultationResponse,
        label="response to a consultation",
        label_plural="responses to consultations",
        description="Member administrations' responses to the secretariat's consultations: each "
        "member writes and submits its own, the secretariat validates and publishes them.",
        members_report=True,
        # A member responds to each consultation while it is open.
        frequency=ReportingFrequency.ON_EVENT,
        period=single_date("responded_on"),
        expected_per="consultation",
        subject_key="reference",
        # Members are told of each consultation as it opens.
        announcements=services.open_consultations,
        csv_key=("consultation", "member"),
        serializer=ConsultationResponseSerializer,
        filterset=ConsultationResponseFilterSet,
        select_related=("consultation", "member__region"),
        search=("summary", "consultation__title", "consultation__reference", "member__name"),
        slug="responses",
        url_name="response",
        form=ConsultationResponseForm,
        columns=(
            "consultation",
            "member",
            "member__region",
            "responded_on",
            "confidentiality",
            "status",
        ),
        facts=("consultation", "member", "responded_on", "confidentiality", "status"),
        detail_template="governance/response_detail.html",
        views={"create": views.ResponseCreateView},
        **FILTERS,
    )
)
