"""The registers every area shares, declared once: regions, members, the programme's areas,
commitments and indicators (reference data everyone reads), and the measurements members
report for the indicators measured per member."""

import django_tables2 as tables

from core.api.serializers import (
    CommitmentSerializer,
    DueDateExtensionSerializer,
    IndicatorSerializer,
    MeasurementSerializer,
    MemberSerializer,
    NotApplicableAnswerSerializer,
    RegionSerializer,
    StrategicAreaSerializer,
)
from core.api.views import (
    CommitmentViewSet,
    IndicatorViewSet,
    MemberViewSet,
    RegionViewSet,
    StrategicAreaViewSet,
)
from core.choices import IndicatorScope, ReportingFrequency
from core.filtersets import (
    CommitmentFilterSet,
    DueDateExtensionFilterSet,
    IndicatorFilterSet,
    MeasurementFilterSet,
    MemberFilterSet,
    NotApplicableAnswerFilterSet,
)
from core.forms import DueDateExtensionForm, MeasurementForm, NotApplicableAnswerForm
from core.models import (
    Commitment,
    DueDateExtension,
    Indicator,
    Measurement,
    Member,
    NotApplicableAnswer,
    Region,
    StrategicArea,
)
from core.registry import Register, date_range, register
from core.tables import record_link

VALUE_WITH_UNIT = (
    "{% load report_tags %}{{ record.value|number }} "
    '<span class="muted">{{ record.indicator.unit }}</span>'
)

register(
    Register(
        path="core/regions",
        model=Region,
        description="The WCO's six regions.",
        serializer=RegionSerializer,
        viewset=RegionViewSet,
        writers="nobody",
        ordering=("code",),
        lookup_field="code",
    )
)

register(
    Register(
        path="core/members",
        model=Member,
        label="member administration",
        label_plural="member administrations",
        description="The member customs administrations, by ISO 3166 alpha-3 code.",
        serializer=MemberSerializer,
        filterset=MemberFilterSet,
        viewset=MemberViewSet,
        writers="nobody",
        select_related=("region",),
        ordering=("code",),
        lookup_field="code",
    )
)

register(
    Register(
        path="core/areas",
        model=StrategicArea,
        description="The programme's five strategic areas, with their progress.",
        serializer=StrategicAreaSerializer,
        viewset=StrategicAreaViewSet,
        writers="nobody",
        lookup_field="code",
    )
)

register(
    Register(
        path="core/commitments",
        model=Commitment,
        description="The programme's commitments, with their status and progress.",
        serializer=CommitmentSerializer,
        filterset=CommitmentFilterSet,
        viewset=CommitmentViewSet,
        writers="nobody",
        select_related=("area",),
        lookup_field="code",
    )
)

register(
    Register(
        path="core/indicators",
        model=Indicator,
        description="How progress on each commitment is measured: baseline, target, unit, "
        "frequency, and whether members report it.",
        serializer=IndicatorSerializer,
        filterset=IndicatorFilterSet,
        viewset=IndicatorViewSet,
        writers="nobody",
        select_related=("commitment",),
        lookup_field="code",
    )
)

register(
    Register(
        path="core/measurements",
        model=Measurement,
        description="Values of the programme's indicators, period by period: the programme's "
        "own, and each member's for the indicators measured per member.",
        members_report=True,
        # Each indicator measured per member says how often (quarterly by default).
        frequency=ReportingFrequency.QUARTERLY,
        period=date_range("period_start", "period_end"),
        expected_per="indicator",
        csv_key=("indicator", "member", "period_start"),
        serializer=MeasurementSerializer,
        filterset=MeasurementFilterSet,
        select_related=("indicator__commitment", "member"),
        slug="measurements",
        url_name="measurement",
        form=MeasurementForm,
        columns=(
            (
                "indicator",
                tables.Column(
                    accessor="indicator__code", verbose_name="Indicator", linkify=record_link
                ),
            ),
            "member",
            "period_start",
            "period_end",
            ("value", tables.TemplateColumn(VALUE_WITH_UNIT, verbose_name="Value")),
            "status",
        ),
        filter_labels={"indicator": "Indicator (code)", "commitment": "Commitment"},
        expected_subjects=lambda: Indicator.objects.filter(
            scope=IndicatorScope.MEMBER, source="manual"
        ),
        subject_frequency="frequency",
        quality_value="value",
        quality_series=("indicator",),
        detail_template="core/measurement_detail.html",
    )
)

register(
    Register(
        path="core/not-applicable-answers",
        model=NotApplicableAnswer,
        description="Members' answers that a register does not apply to them, for a period or "
        "for what it reports on, with their reasons; once the secretariat validates one, the "
        "record is no longer expected.",
        members_report=True,
        frequency=ReportingFrequency.ON_EVENT,
        csv_key=("member", "register", "subject", "period_start"),
        serializer=NotApplicableAnswerSerializer,
        filterset=NotApplicableAnswerFilterSet,
        select_related=("member__region",),
        slug="not-applicable",
        url_name="not_applicable",
        form=NotApplicableAnswerForm,
        columns=("member", "register", "subject", "period_start", "reason", "status"),
        facts=("member", "register", "subject", "period_start", "period_end", "reason", "status"),
        search=("member__name", "member__code", "reason"),
    )
)

register(
    Register(
        path="core/due-date-extensions",
        model=DueDateExtension,
        description="More time the secretariat gave a member for one record, and why.",
        serializer=DueDateExtensionSerializer,
        filterset=DueDateExtensionFilterSet,
        select_related=("member__region",),
        slug="extensions",
        url_name="extension",
        form=DueDateExtensionForm,
        columns=("member", "register", "subject", "period_start", "due_on", "reason"),
        facts=("member", "register", "subject", "period_start", "due_on", "reason"),
        search=("member__name", "member__code", "reason"),
    )
)
