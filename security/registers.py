"""The security registers, declared once: SAFE adoption, AEO programmes and their yearly counts,
Customs in national security strategies, passenger-data readiness and risk-management
assessments (members report them), mutual recognition arrangements, customs unions and the
SAFE Framework's editions and pillars (the secretariat keeps them)."""

import django_tables2 as tables
from django.db.models import Prefetch

from core.choices import ReportingFrequency
from core.models import Member
from core.registry import Register, calendar_year, register, single_date
from security import views
from security.api.serializers import (
    AEOOperatorCountSerializer,
    AEOProgrammeSerializer,
    CustomsUnionSerializer,
    MutualRecognitionSerializer,
    PassengerDataReadinessSerializer,
    RiskManagementAssessmentSerializer,
    SafeAdoptionSerializer,
    SafeEditionSerializer,
    SafePillarSerializer,
    SecurityStrategyRoleSerializer,
)
from security.api.views import MutualRecognitionViewSet
from security.filtersets import (
    AEOOperatorCountFilterSet,
    AEOProgrammeFilterSet,
    MutualRecognitionFilterSet,
    PassengerDataReadinessFilterSet,
    RiskManagementAssessmentFilterSet,
    SafeAdoptionFilterSet,
    SecurityStrategyRoleFilterSet,
)
from security.forms import (
    AEOOperatorCountForm,
    AEOProgrammeForm,
    CustomsUnionForm,
    MutualRecognitionForm,
    PassengerDataReadinessForm,
    RiskManagementAssessmentForm,
    SafeAdoptionForm,
    SafeEditionForm,
    SecurityStrategyRoleForm,
)
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SafePillar,
    SecurityStrategyRole,
)


def pillar_choices():
    return [(p.number, str(p)) for p in SafePillar.objects.order_by("number")]


def edition_choices():
    return [(e.year, e.title) for e in SafeEdition.objects.order_by("-year")]


# The security registers' filters, named for what a reader looks for.
FILTERS = {
    "filter_labels": {
        "api_status": "API access",
        "covers": "Covers",
        "edition": "SAFE edition",
        "involvement": "Involvement",
        "live": "In force",
        "party": "Party (code)",
        "pillar": "Pillar",
        "pnr_status": "PNR access",
        "seat_on_security_body": "Seat on the security body",
        "year": "Year",
    },
    "filter_lists": {"pillar": pillar_choices, "edition": edition_choices},
}
# A member's record, one per member unless said otherwise.
MEMBER_RECORD = {
    "members_report": True,
    "csv_key": ("member",),
    "select_related": ("member__region",),
    "ordering": ("member__code",),
    "search": ("member__name", "member__code"),
    **FILTERS,
}

register(
    Register(
        path="security/safe-editions",
        model=SafeEdition,
        label_plural="SAFE Framework editions",
        description="The SAFE Framework of Standards is upgraded from edition to edition; "
        "members' adoption records name the edition they refer to.",
        serializer=SafeEditionSerializer,
        ordering=("-year",),
        slug="editions",
        url_name="edition",
        form=SafeEditionForm,
        detail_page=False,
        columns=("year", "title", "published_on"),
    )
)

register(
    Register(
        path="security/safe-pillars",
        model=SafePillar,
        description="The pillars of the SAFE Framework members implement.",
        serializer=SafePillarSerializer,
        ordering=("number",),
    )
)

register(
    Register(
        path="security/safe-adoptions",
        model=SafeAdoption,
        label="SAFE adoption record",
        label_plural="adoption of the SAFE Framework",
        description="Members' letters of intent to implement the SAFE Framework of Standards, "
        "the edition they refer to and the pillars they implement.",
        frequency=ReportingFrequency.ONCE,
        serializer=SafeAdoptionSerializer,
        filterset=SafeAdoptionFilterSet,
        prefetch_related=(Prefetch("pillars", queryset=SafePillar.objects.order_by("number")),),
        slug="safe",
        url_name="safe",
        form=SafeAdoptionForm,
        columns=("member", "member__region", "letter_of_intent_on", "edition", "pillars", "status"),
        facts=("member", "letter_of_intent_on", "edition", "pillars", "status"),
        **{**MEMBER_RECORD, "select_related": ("member__region", "edition")},
    )
)

register(
    Register(
        path="security/aeo-programmes",
        model=AEOProgramme,
        label_plural="Authorized Economic Operator programmes",
        description="Members' AEO programmes: their status, when they started, what they cover "
        "and how many operators they certified (the latest yearly count).",
        frequency=ReportingFrequency.ONCE,
        serializer=AEOProgrammeSerializer,
        workflow_status="submission_status",
        filterset=AEOProgrammeFilterSet,
        slug="aeo",
        url_name="aeo",
        form=AEOProgrammeForm,
        columns=(
            "member",
            "member__region",
            "programme_status",
            "launched_on",
            "covers",
            "certified_operators",
            "status",
        ),
        facts=(
            "member",
            "programme_status",
            "launched_on",
            "covers",
            "certified_operators",
            "status",
        ),
        detail_template="security/aeo_detail.html",
        views={"detail": views.AEODetailView},
        **{**MEMBER_RECORD, "filter_labels": {**FILTERS["filter_labels"], "status": "Programme"}},
    )
)

register(
    Register(
        path="security/aeo-operator-counts",
        model=AEOOperatorCount,
        label="yearly count of certified operators",
        label_plural="operators certified by AEO programmes, by year",
        description="Members' yearly counts of operators certified by their AEO programmes, "
        "taken at the year's end (or the latest count of the year under way).",
        frequency=ReportingFrequency.ANNUAL,
        period=calendar_year("year"),
        serializer=AEOOperatorCountSerializer,
        quality_value="certified_operators",
        filterset=AEOOperatorCountFilterSet,
        slug="aeo-operators",
        url_name="aeo_count",
        form=AEOOperatorCountForm,
        columns=("member", "member__region", "year", "certified_operators", "note", "status"),
        facts=("member", "year", "certified_operators", "note", "status"),
        views={"create": views.AEOCountCreateView},
        **{**MEMBER_RECORD, "csv_key": ("member", "year"), "ordering": ("member__code", "-year")},
    )
)

register(
    Register(
        path="security/security-strategy-roles",
        model=SecurityStrategyRole,
        label="part in the national security strategy",
        label_plural="Customs in national security strategies",
        description="Whether each member's customs administration takes part in its national "
        "security strategy, and has a seat on the body that runs it.",
        frequency=ReportingFrequency.ONCE,
        serializer=SecurityStrategyRoleSerializer,
        filterset=SecurityStrategyRoleFilterSet,
        slug="strategy",
        url_name="strategy",
        form=SecurityStrategyRoleForm,
        columns=(
            "member",
            "member__region",
            "involvement",
            "seat_on_security_body",
            "strategy_dated",
            "status",
        ),
        facts=("member", "involvement", "seat_on_security_body", "strategy_dated", "status"),
        **MEMBER_RECORD,
    )
)

register(
    Register(
        path="security/passenger-data-readiness",
        model=PassengerDataReadiness,
        label="passenger data readiness record",
        label_plural="passenger data readiness (API and PNR)",
        description="Members' legal basis and operational access to Advance Passenger "
        "Information and Passenger Name Records. Restricted: read by the member, the secretariat "
        "and the members it grants; the area page gives the shares of all members.",
        frequency=ReportingFrequency.ONCE,
        serializer=PassengerDataReadinessSerializer,
        filterset=PassengerDataReadinessFilterSet,
        slug="passenger-data",
        url_name="passenger",
        form=PassengerDataReadinessForm,
        columns=(
            "member",
            "member__region",
            "api_status",
            "pnr_status",
            "go_live",
            "confidentiality",
            "status",
        ),
        detail_template="security/passenger_detail.html",
        **MEMBER_RECORD,
    )
)

register(
    Register(
        path="security/risk-assessments",
        model=RiskManagementAssessment,
        label="risk-management assessment",
        label_plural="risk-management assessments",
        description="Members' self-assessments of their risk-management maturity, 1 to 5 on five "
        "dimensions; restricted by default.",
        frequency=ReportingFrequency.ANNUAL,
        period=single_date("assessed_on"),
        serializer=RiskManagementAssessmentSerializer,
        filterset=RiskManagementAssessmentFilterSet,
        slug="assessments",
        url_name="assessment",
        form=RiskManagementAssessmentForm,
        columns=(
            "member",
            "member__region",
            "assessed_on",
            ("maturity", tables.Column(verbose_name="Maturity", orderable=False)),
            "assessor",
            "confidentiality",
            "status",
        ),
        detail_template="security/assessment_detail.html",
        views={"detail": views.AssessmentDetailView},
        **{
            **MEMBER_RECORD,
            "csv_key": ("member", "assessed_on"),
            "ordering": ("member__code", "-assessed_on"),
        },
    )
)

register(
    Register(
        path="security/customs-unions",
        model=CustomsUnion,
        description="A customs union counts as one party to a mutual recognition arrangement; "
        "its members never recognise it or each other through it.",
        serializer=CustomsUnionSerializer,
        prefetch_related=(Prefetch("members", queryset=Member.objects.order_by("name")),),
        ordering=("code",),
        slug="unions",
        url_name="union",
        form=CustomsUnionForm,
        detail_page=False,
        columns=("code", "name", "aeo_operational", "members"),
    )
)

register(
    Register(
        path="security/mutual-recognitions",
        model=MutualRecognition,
        description="Arrangements recognising each other's AEO programmes, recorded by the "
        "secretariat; parties are members and customs unions.",
        serializer=MutualRecognitionSerializer,
        filterset=MutualRecognitionFilterSet,
        viewset=MutualRecognitionViewSet,
        prefetch_related=(
            Prefetch("members", queryset=Member.objects.select_related("region").order_by("name")),
            Prefetch("customs_unions", queryset=CustomsUnion.objects.order_by("code")),
        ),
        ordering=("party_key",),
        search=("title", "party_key"),
        slug="recognitions",
        url_name="recognition",
        form=MutualRecognitionForm,
        columns=(
            "__str__",
            "members",
            "customs_unions",
            "status",
            "signed_on",
            "implemented_on",
            "ended_on",
        ),
        facts=("members", "customs_unions", "status", "signed_on", "implemented_on", "ended_on"),
        views={"create": views.RecognitionCreateView},
        **FILTERS,
    )
)
