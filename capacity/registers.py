"""The capacity-building registers, declared once: donors and partners, projects and their
funding, diagnostic missions and their recommendations, project evaluations, WCO instruments and
the secretariat's reviews of them (the secretariat keeps these), the Sustainable Development
Goals (reference data), and members' uptake of instruments and their training activities
(members report them through the workflow).

Recommendations are the secretariat's records that their member follows up: the secretariat
words and records them with their mission, the member updates their follow-up (its own API
rule, and its own page, `capacity:recommendation_follow_up`)."""

import django_tables2 as tables

from capacity import views
from capacity.api.serializers import (
    DiagnosticMissionSerializer,
    DonorSerializer,
    EvaluationSerializer,
    FundingSerializer,
    InstrumentReviewSerializer,
    InstrumentSerializer,
    InstrumentUptakeSerializer,
    ProjectSerializer,
    RecommendationSerializer,
    SDGSerializer,
    TrainingActivitySerializer,
)
from capacity.api.views import (
    DiagnosticMissionViewSet,
    EvaluationViewSet,
    FundingViewSet,
    InstrumentViewSet,
    ProjectViewSet,
    RecommendationViewSet,
    SDGViewSet,
)
from capacity.filtersets import (
    DiagnosticMissionFilterSet,
    DonorFilterSet,
    EvaluationFilterSet,
    FundingFilterSet,
    InstrumentFilterSet,
    InstrumentReviewFilterSet,
    InstrumentUptakeFilterSet,
    ProjectFilterSet,
    RecommendationFilterSet,
    TrainingActivityFilterSet,
)
from capacity.forms import (
    DiagnosticMissionForm,
    DonorForm,
    EvaluationForm,
    FundingForm,
    InstrumentReviewForm,
    InstrumentUptakeForm,
    ProjectForm,
    RecommendationForm,
    TrainingActivityForm,
)
from capacity.models import (
    SDG,
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.choices import ReportingFrequency
from core.models import StrategicArea
from core.registry import Register, register, single_date
from core.tables import record_link


def area_choices():
    return list(StrategicArea.objects.order_by("position").values_list("code", "title"))


def donor_choices():
    return list(Donor.objects.order_by("name").values_list("pk", "name"))


def sdg_choices():
    return [(sdg.number, str(sdg)) for sdg in SDG.objects.order_by("number")]


def instrument_choices():
    return [
        (code, f"{code} {title}")
        for code, title in Instrument.objects.order_by("code").values_list("code", "title")
    ]


def project_choices():
    return [
        (pk, f"{code} {title}")
        for pk, code, title in Project.objects.order_by("code").values_list("pk", "code", "title")
    ]


# The capacity registers' filters, named for what a reader looks for, with lists to choose
# areas, donors, SDGs and instruments from.
FILTERS = {
    "filter_labels": {
        "active_on": "Running on",
        "aligned": "Aligned with a strategic plan",
        "area": "Strategic area",
        "country": "Country (ISO code)",
        "donor": "Donor",
        "follow_up": "Follow-up",
        "instrument": "Instrument",
        "kind": "Kind",
        "modality": "Modality",
        "name": "Name",
        "overdue_on": "Overdue on",
        "priority": "Priority",
        "project": "Project",
        "sdg": "SDG",
        "tool": "Tool",
        "uptake": "Uptake",
        "year": "Year",
        "year_from": "Year from",
        "year_to": "Year until",
    },
    "filter_lists": {
        "area": area_choices,
        "donor": donor_choices,
        "sdg": sdg_choices,
        "instrument": instrument_choices,
    },
}
WITH_PROJECTS = {
    **FILTERS,
    "filter_lists": {**FILTERS["filter_lists"], "project": project_choices},
}

# A project's code ("TA-2025-002") reads as one word: a table never breaks it at its hyphens.
PROJECT_CODE = '<span class="nowrap">{{ record.project.code }}</span>'
EUROS = "{% load report_tags %}{{ value|number }}"


def in_project_currency(verbose_name):
    """An amount in the currency of the funded project, which it names."""
    return tables.TemplateColumn(
        "{% load report_tags %}{{ value|number }} {{ record.project.currency }}",
        verbose_name=verbose_name,
        attrs={"td": {"class": "num"}},
    )


def euros(verbose_name):
    """A sum in euros, summed by the list's query (an annotation of the same name)."""
    return tables.TemplateColumn(EUROS, verbose_name=verbose_name, attrs={"td": {"class": "num"}})


register(
    Register(
        path="capacity/donors",
        model=Donor,
        description="Donors (bilateral, multilateral, private sector, foundations) and partners "
        "(development agencies, academia) funding capacity building, with their funding in "
        "euros.",
        serializer=DonorSerializer,
        filterset=DonorFilterSet,
        search=("name", "organisation"),
        slug="donors",
        url_name="donor",
        form=DonorForm,
        columns=(
            "name",
            "organisation",
            "kind",
            "country",
            (
                "projects",
                tables.TemplateColumn(
                    "<a href=\"{% url 'capacity:project_list' %}?donor={{ record.pk }}\">"
                    "{{ value }}</a>",
                    verbose_name="Projects",
                    attrs={"td": {"class": "num"}},
                ),
            ),
            ("committed_eur", euros("Committed (EUR)")),
            ("disbursed_eur", euros("Disbursed (EUR)")),
        ),
        detail_template="capacity/donor_detail.html",
        views={
            "list": views.DonorListView,
            "detail": views.DonorDetailView,
            "create": views.DonorCreateView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/sdgs",
        model=SDG,
        description="The 17 Sustainable Development Goals of the UN 2030 Agenda, which "
        "capacity-building projects contribute to.",
        serializer=SDGSerializer,
        viewset=SDGViewSet,
        writers="nobody",
        lookup_field="number",
    )
)

register(
    Register(
        path="capacity/projects",
        model=Project,
        label_plural="capacity-building projects",
        description="Technical-assistance projects: the members they benefit, the commitments "
        "and SDGs they serve, their funding in euros and whether they are aligned with a member "
        "strategic plan.",
        serializer=ProjectSerializer,
        filterset=ProjectFilterSet,
        viewset=ProjectViewSet,
        prefetch_related=("beneficiaries", "sdgs", "commitments__area", "fundings"),
        ordering=("code",),
        search=("code", "title"),
        # The browser's search box is `q`; the API's `search` travels hidden.
        hidden_filters=("search",),
        slug="projects",
        url_name="project",
        form=ProjectForm,
        columns=(
            (
                "code",
                tables.TemplateColumn(
                    '<a href="{{ record.get_absolute_url }}">'
                    '<span class="nowrap">{{ value }}</span></a>',
                    verbose_name="Code",
                ),
            ),
            "title",
            (
                "beneficiaries",
                tables.ManyToManyColumn(
                    transform=lambda member: member.code,
                    verbose_name="Beneficiaries",
                    orderable=False,
                ),
            ),
            (
                "commitments",
                tables.ManyToManyColumn(
                    transform=lambda commitment: commitment.code,
                    verbose_name="Commitments",
                    orderable=False,
                ),
            ),
            (
                "sdgs",
                tables.ManyToManyColumn(
                    transform=lambda sdg: sdg.number, verbose_name="SDGs", orderable=False
                ),
            ),
            "start",
            "end",
            (
                "status",
                tables.TemplateColumn(
                    '<span class="badge project-{{ record.status }}">'
                    "{{ record.get_status_display }}</span>",
                    verbose_name="Status",
                ),
            ),
            (
                "aligned",
                tables.TemplateColumn(
                    "{% if record.is_aligned %}Yes{% elif record.not_aligned_reason %}No"
                    "{% else %}–{% endif %}",
                    verbose_name="Aligned",
                    orderable=False,
                ),
            ),
            ("committed_eur", euros("Committed (EUR)")),
            ("disbursed_eur", euros("Disbursed (EUR)")),
        ),
        detail_template="capacity/project_detail.html",
        views={
            "list": views.ProjectListView,
            "detail": views.ProjectDetailView,
            "create": views.ProjectCreateView,
            "edit": views.ProjectEditView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/fundings",
        model=Funding,
        label="funding record",
        label_plural="funding records",
        description="Each donor's funding of a project for a year: committed and disbursed, in "
        "the project's currency and in euros. Each shows on its project's page.",
        serializer=FundingSerializer,
        filterset=FundingFilterSet,
        viewset=FundingViewSet,
        select_related=("project", "donor"),
        ordering=("project__code", "year", "donor__name"),
        search=("project__code", "project__title", "donor__name"),
        slug="fundings",
        url_name="funding",
        form=FundingForm,
        detail_page=False,
        columns=(
            (
                "project",
                tables.TemplateColumn(
                    '<a href="{{ record.get_absolute_url }}">' + PROJECT_CODE + "</a> "
                    "{{ record.project.title }}",
                    verbose_name="Project",
                    order_by=("project__code",),
                ),
            ),
            "donor",
            "year",
            ("committed", in_project_currency("Committed")),
            ("disbursed", in_project_currency("Disbursed")),
            ("committed_eur", euros("Committed (EUR)")),
            ("disbursed_eur", euros("Disbursed (EUR)")),
        ),
        views={
            "create": views.FundingCreateView,
            "edit": views.FundingEditView,
        },
        **WITH_PROJECTS,
    )
)

register(
    Register(
        path="capacity/diagnostic-missions",
        model=DiagnosticMission,
        description="Needs-assessment and diagnostic missions to members and their findings. "
        "Restricted unless marked otherwise: read by the member, the secretariat and the members "
        "it grants; the follow-up of their recommendations is given for all members.",
        serializer=DiagnosticMissionSerializer,
        filterset=DiagnosticMissionFilterSet,
        viewset=DiagnosticMissionViewSet,
        select_related=("member__region",),
        ordering=("-start", "id"),
        search=("member__name", "member__code", "team_lead"),
        slug="missions",
        url_name="mission",
        form=DiagnosticMissionForm,
        columns=(
            "member",
            "member__region",
            "tool",
            "start",
            "end",
            "team_lead",
            (
                "recommendation_count",
                tables.TemplateColumn(
                    "<a href=\"{% url 'capacity:recommendation_list' %}?mission={{ record.pk }}\">"
                    "{{ value }}</a>",
                    verbose_name="Recommendations",
                    attrs={"td": {"class": "num"}},
                ),
            ),
            "confidentiality",
        ),
        facts=("member", "tool", "start", "end", "team_lead", "findings"),
        detail_template="capacity/mission_detail.html",
        views={
            "list": views.MissionListView,
            "detail": views.MissionDetailView,
            "create": views.MissionCreateView,
        },
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/recommendations",
        model=Recommendation,
        label_plural="recommendations of diagnostic missions",
        description="What diagnostic missions ask members to do, by when and who owns it, and "
        "its follow-up: read by whoever reads the mission; the member updates the follow-up.",
        csv_key=("mission", "text"),
        serializer=RecommendationSerializer,
        filterset=RecommendationFilterSet,
        viewset=RecommendationViewSet,
        select_related=("member__region", "mission", "area"),
        search=("member__name", "member__code", "text", "owner"),
        slug="recommendations",
        url_name="recommendation",
        form=RecommendationForm,
        columns=(
            "member",
            (
                "text",
                tables.TemplateColumn(
                    '<a href="{{ record.get_absolute_url }}">{{ value|truncatechars:100 }}</a>',
                    verbose_name="Recommendation",
                ),
            ),
            "area",
            "priority",
            "owner",
            "due",
            (
                "follow_up",
                tables.TemplateColumn(
                    "{{ record.get_follow_up_display }}"
                    "{% if record.done_on %} ({{ record.done_on }}){% endif %}",
                    verbose_name="Follow-up",
                ),
            ),
        ),
        facts=(
            "mission",
            "member",
            "area",
            "priority",
            "owner",
            "due",
            "follow_up",
            "done_on",
            "follow_up_note",
        ),
        detail_template="capacity/recommendation_detail.html",
        views={
            "detail": views.RecommendationDetailView,
            "create": views.RecommendationCreateView,
            "edit": views.RecommendationEditView,
        },
        # Links from a mission's list row travel the mission's id.
        hidden_filters=("mission",),
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/evaluations",
        model=Evaluation,
        label_plural="evaluations of projects",
        description="Each project evaluated on the six OECD DAC criteria, scored from 1 (poor) "
        "to 4 (excellent) with its evidence. A project closes only once evaluated.",
        serializer=EvaluationSerializer,
        filterset=EvaluationFilterSet,
        viewset=EvaluationViewSet,
        select_related=("project",),
        ordering=("-evaluated_on", "id"),
        search=("project__code", "project__title", "evaluator"),
        slug="evaluations",
        url_name="evaluation",
        form=EvaluationForm,
        columns=(
            (
                "project",
                tables.TemplateColumn(
                    '<a href="{{ record.project.get_absolute_url }}">' + PROJECT_CODE + "</a> "
                    "{{ record.project.title }}",
                    verbose_name="Project",
                    order_by=("project__code",),
                ),
            ),
            (
                "evaluated_on",
                tables.DateColumn(short=False, verbose_name="Evaluated on", linkify=record_link),
            ),
            "evaluator",
            *Evaluation.CRITERIA,
            ("mean_score", tables.Column(verbose_name="Mean", orderable=False)),
        ),
        facts=(
            "project",
            "evaluated_on",
            "evaluator",
            *Evaluation.CRITERIA,
            "mean_score",
            "evidence",
            "summary",
        ),
        views={"create": views.EvaluationCreateView},
        **WITH_PROJECTS,
    )
)

register(
    Register(
        path="capacity/instruments",
        model=Instrument,
        description="Conventions, frameworks of standards, declarations and tools: how many "
        "members published their uptake, and the secretariat's reviews of each instrument's "
        "relevance and impact.",
        serializer=InstrumentSerializer,
        filterset=InstrumentFilterSet,
        viewset=InstrumentViewSet,
        lookup_field="code",
        search=("code", "title"),
        slug="instruments",
        url_name="instrument",
        columns=(
            "code",
            "title",
            "kind",
            (
                "taken_up",
                tables.TemplateColumn(
                    "<a href=\"{% url 'capacity:uptake_list' %}?instrument="
                    "{{ record.code|urlencode }}&amp;uptake=applied&amp;uptake=acceded&amp;"
                    'status=published">{{ value }}</a>',
                    verbose_name="Members applying or acceded",
                    attrs={"td": {"class": "num"}},
                ),
            ),
            (
                "in_progress",
                tables.Column(verbose_name="In progress", attrs={"td": {"class": "num"}}),
            ),
            (
                "review_count",
                tables.TemplateColumn(
                    "<a href=\"{% url 'capacity:review_list' %}?instrument="
                    '{{ record.code|urlencode }}">{{ value }}</a>',
                    verbose_name="Reviews",
                    attrs={"td": {"class": "num"}},
                ),
            ),
        ),
        detail_template="capacity/instrument_detail.html",
        views={"list": views.InstrumentListView, "detail": views.InstrumentDetailView},
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/instrument-reviews",
        model=InstrumentReview,
        label_plural="reviews of WCO instruments",
        description="The secretariat's periodic reviews of each instrument's relevance and "
        "impact, scored from 1 (poor) to 4 (excellent) with evidence.",
        serializer=InstrumentReviewSerializer,
        filterset=InstrumentReviewFilterSet,
        select_related=("instrument",),
        search=("instrument__code", "instrument__title", "reviewer"),
        slug="reviews",
        url_name="review",
        form=InstrumentReviewForm,
        columns=("instrument", "reviewed_on", "reviewer", "relevance", "impact"),
        facts=("instrument", "reviewed_on", "reviewer", "relevance", "impact", "evidence"),
        views={"create": views.ReviewCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/instrument-uptakes",
        model=InstrumentUptake,
        label="uptake record",
        label_plural="uptake of WCO instruments",
        description="How far each member has taken up each WCO instrument: reported by the "
        "member, kept up to date, and published once the secretariat validates it.",
        members_report=True,
        frequency=ReportingFrequency.ONCE,
        expected_per="instrument",
        csv_key=("member", "instrument"),
        serializer=InstrumentUptakeSerializer,
        filterset=InstrumentUptakeFilterSet,
        select_related=("member__region", "instrument"),
        ordering=("member__code", "instrument__code"),
        search=("member__name", "member__code", "instrument__code", "instrument__title"),
        slug="uptakes",
        url_name="uptake",
        form=InstrumentUptakeForm,
        columns=(
            "member",
            "member__region",
            "instrument",
            "uptake",
            "since",
            "status",
        ),
        facts=("member", "instrument", "uptake", "since", "note", "status"),
        views={"create": views.UptakeCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="capacity/training-activities",
        model=TrainingActivity,
        label_plural="training and e-learning activities",
        description="Training and e-learning activities for members' customs staff, reported by "
        "the members: participants and hours, the area they serve and the project, if any, "
        "they were delivered under.",
        members_report=True,
        frequency=ReportingFrequency.ON_EVENT,
        period=single_date("start"),
        csv_key=("member", "title", "start"),
        serializer=TrainingActivitySerializer,
        filterset=TrainingActivityFilterSet,
        select_related=("member__region", "area", "commitment", "project"),
        ordering=("-start", "member__code", "title"),
        search=("member__name", "member__code", "title"),
        # Links from a project's page travel the project's id.
        hidden_filters=("project",),
        slug="training",
        url_name="training",
        form=TrainingActivityForm,
        columns=(
            "member",
            "title",
            "area",
            "modality",
            "start",
            "end",
            "participants",
            "hours",
            (
                "project",
                tables.TemplateColumn(
                    '{% if record.project %}<a href="{{ record.project.get_absolute_url }}">'
                    + PROJECT_CODE
                    + "</a>{% else %}–{% endif %}",
                    verbose_name="Project",
                    order_by=("project__code",),
                ),
            ),
            "status",
        ),
        facts=(
            "member",
            "area",
            "commitment",
            "project",
            "modality",
            "start",
            "end",
            "participants",
            "hours",
            "participant_hours",
            "status",
        ),
        views={"create": views.TrainingCreateView},
        **FILTERS,
    )
)
