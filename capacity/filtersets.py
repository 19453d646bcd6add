"""FilterSets shared by the browser lists and the API."""

import django_filters
from django.db.models import Q

from capacity.choices import (
    DiagnosticTool,
    DonorKind,
    FollowUp,
    InstrumentKind,
    Modality,
    Priority,
    ProjectStatus,
    Uptake,
)
from capacity.models import (
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
from core.choices import Confidentiality, WorkflowStatus


class MemberRegionFilters(django_filters.FilterSet):
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")


class SubmissionFilters(MemberRegionFilters):
    status = django_filters.MultipleChoiceFilter(choices=WorkflowStatus.choices)


class DonorFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=DonorKind.choices)
    country = django_filters.CharFilter(lookup_expr="iexact")
    name = django_filters.CharFilter(lookup_expr="icontains")

    class Meta:
        model = Donor
        fields = ["kind", "country", "name"]


class ProjectFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ProjectStatus.choices)
    member = django_filters.CharFilter(
        field_name="beneficiaries__code", lookup_expr="iexact", distinct=True
    )
    region = django_filters.CharFilter(
        field_name="beneficiaries__region__code", lookup_expr="iexact", distinct=True
    )
    area = django_filters.CharFilter(field_name="commitments__area__code", distinct=True)
    commitment = django_filters.CharFilter(
        field_name="commitments__code", lookup_expr="iexact", distinct=True
    )
    sdg = django_filters.NumberFilter(field_name="sdgs__number", distinct=True)
    donor = django_filters.NumberFilter(field_name="fundings__donor", distinct=True)
    aligned = django_filters.BooleanFilter(method="filter_aligned")
    active_on = django_filters.DateFilter(method="filter_active_on", label="Running on (date)")
    started_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")
    ended_after = django_filters.DateFilter(field_name="end", lookup_expr="gte")
    ended_before = django_filters.DateFilter(field_name="end", lookup_expr="lte")
    search = django_filters.CharFilter(method="filter_search")

    class Meta:
        model = Project
        fields = ["status", "member", "region", "area", "sdg", "donor"]

    def filter_aligned(self, queryset, name, value):
        aligned = ~Q(strategic_plan="")
        return queryset.filter(aligned if value else ~aligned)

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(title__icontains=value))


class FundingFilterSet(django_filters.FilterSet):
    project = django_filters.NumberFilter()
    donor = django_filters.NumberFilter()
    year = django_filters.NumberFilter()
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")
    member = django_filters.CharFilter(
        field_name="project__beneficiaries__code", lookup_expr="iexact", distinct=True
    )
    region = django_filters.CharFilter(
        field_name="project__beneficiaries__region__code", lookup_expr="iexact", distinct=True
    )
    status = django_filters.MultipleChoiceFilter(
        field_name="project__status", choices=ProjectStatus.choices
    )

    class Meta:
        model = Funding
        fields = ["project", "donor", "year", "member", "region", "status"]


class DiagnosticMissionFilterSet(MemberRegionFilters):
    tool = django_filters.MultipleChoiceFilter(choices=DiagnosticTool.choices)
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    started_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")

    class Meta:
        model = DiagnosticMission
        fields = ["member", "region", "tool", "confidentiality"]


class RecommendationFilterSet(MemberRegionFilters):
    mission = django_filters.NumberFilter()
    follow_up = django_filters.MultipleChoiceFilter(choices=FollowUp.choices)
    priority = django_filters.MultipleChoiceFilter(choices=Priority.choices)
    area = django_filters.CharFilter(field_name="area__code")
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due", lookup_expr="lte")
    overdue_on = django_filters.DateFilter(method="filter_overdue", label="Overdue on (date)")

    class Meta:
        model = Recommendation
        fields = ["member", "region", "mission", "follow_up", "priority", "area"]

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(value)


class EvaluationFilterSet(django_filters.FilterSet):
    project = django_filters.NumberFilter()
    member = django_filters.CharFilter(
        field_name="project__beneficiaries__code", lookup_expr="iexact", distinct=True
    )
    region = django_filters.CharFilter(
        field_name="project__beneficiaries__region__code", lookup_expr="iexact", distinct=True
    )
    evaluated_after = django_filters.DateFilter(field_name="evaluated_on", lookup_expr="gte")
    evaluated_before = django_filters.DateFilter(field_name="evaluated_on", lookup_expr="lte")

    class Meta:
        model = Evaluation
        fields = ["project", "member", "region"]


class InstrumentFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=InstrumentKind.choices)

    class Meta:
        model = Instrument
        fields = ["kind"]


class InstrumentUptakeFilterSet(SubmissionFilters):
    instrument = django_filters.CharFilter(field_name="instrument__code", lookup_expr="iexact")
    uptake = django_filters.MultipleChoiceFilter(choices=Uptake.choices)
    since_after = django_filters.DateFilter(field_name="since", lookup_expr="gte")
    since_before = django_filters.DateFilter(field_name="since", lookup_expr="lte")

    class Meta:
        model = InstrumentUptake
        fields = ["member", "region", "status", "instrument", "uptake"]


class InstrumentReviewFilterSet(django_filters.FilterSet):
    instrument = django_filters.CharFilter(field_name="instrument__code", lookup_expr="iexact")
    reviewed_after = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="gte")
    reviewed_before = django_filters.DateFilter(field_name="reviewed_on", lookup_expr="lte")

    class Meta:
        model = InstrumentReview
        fields = ["instrument"]


class TrainingActivityFilterSet(SubmissionFilters):
    area = django_filters.CharFilter(field_name="area__code")
    modality = django_filters.MultipleChoiceFilter(choices=Modality.choices)
    project = django_filters.NumberFilter()
    started_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    started_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")

    class Meta:
        model = TrainingActivity
        fields = ["member", "region", "status", "area", "modality", "project"]
