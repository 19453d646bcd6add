"""FilterSets shared by the browser lists and the API."""

import django_filters

from core.choices import WorkflowStatus
from core.models import (
    Commitment,
    DueDateExtension,
    Indicator,
    Measurement,
    Member,
    NotApplicableAnswer,
)


class MemberFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__code", lookup_expr="iexact")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Member
        fields = ["region", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(code__iexact=value)


class CommitmentFilterSet(django_filters.FilterSet):
    area = django_filters.CharFilter(field_name="area__code")

    class Meta:
        model = Commitment
        fields = ["area"]


class IndicatorFilterSet(django_filters.FilterSet):
    commitment = django_filters.CharFilter(field_name="commitment__code", lookup_expr="iexact")
    area = django_filters.CharFilter(field_name="commitment__area__code")

    class Meta:
        model = Indicator
        fields = ["commitment", "area", "scope"]


class MeasurementFilterSet(django_filters.FilterSet):
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")
    indicator = django_filters.CharFilter(field_name="indicator__code", lookup_expr="iexact")
    commitment = django_filters.CharFilter(
        field_name="indicator__commitment__code", lookup_expr="iexact"
    )
    status = django_filters.MultipleChoiceFilter(choices=WorkflowStatus.choices)
    period_start_after = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_start_before = django_filters.DateFilter(field_name="period_start", lookup_expr="lte")

    class Meta:
        model = Measurement
        fields = ["member", "region", "indicator", "commitment", "status"]


_plain = {}


def plain_filterset(model):
    """A filterset with no filters, for a register that has none of its own (its list then
    offers the search box alone)."""
    if model not in _plain:
        meta = type("Meta", (), {"model": model, "fields": []})
        name = f"{model.__name__}FilterSet"
        _plain[model] = type(name, (django_filters.FilterSet,), {"Meta": meta})
    return _plain[model]


class CycleAnswerFilters(django_filters.FilterSet):
    """Filters of the answers about obligations."""

    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")
    register = django_filters.CharFilter()
    subject = django_filters.CharFilter()


class NotApplicableAnswerFilterSet(CycleAnswerFilters):
    status = django_filters.MultipleChoiceFilter(choices=WorkflowStatus.choices)

    class Meta:
        model = NotApplicableAnswer
        fields = ["member", "region", "register", "subject", "status"]


class DueDateExtensionFilterSet(CycleAnswerFilters):
    class Meta:
        model = DueDateExtension
        fields = ["member", "region", "register", "subject"]
