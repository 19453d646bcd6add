"""The registers every area shares, declared once: regions, members, the programme's areas,
commitments and indicators (reference data everyone reads), and the measurements members
report for the indicators measured per member."""

import django_tables2 as tables

from core.api.serializers import (
    CommitmentSerializer,
    IndicatorSerializer,
    MeasurementSerializer,
    MemberSerializer,
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
from core.choices import ReportingFrequency
from core.filtersets import (
    CommitmentFilterSet,
    IndicatorFilterSet,
    MeasurementFilterSet,
    MemberFilterSet,
)
from core.forms import MeasurementForm
from core.models import Commitment, Indicator, Measurement, Member, Region, StrategicArea
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
        detail_template="core/measurement_detail.html",
    )
)
