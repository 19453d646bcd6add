"""FilterSets shared by the browser lists and the API."""

import django_filters
from django.db.models import Q

from core.choices import Confidentiality, WorkflowStatus
from facilitation.choices import ActivityKind, AdoptionStatus, BorderMode, Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)


class MemberRegionStatusFilters(django_filters.FilterSet):
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")
    status = django_filters.MultipleChoiceFilter(choices=WorkflowStatus.choices)


class TFAMeasureFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = TFAMeasure
        fields = ["article"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__iexact=value) | Q(title__icontains=value))


class TFANotificationFilterSet(MemberRegionStatusFilters):
    measure = django_filters.CharFilter(field_name="measure__code")
    article = django_filters.NumberFilter(field_name="measure__article")
    category = django_filters.MultipleChoiceFilter(choices=Category.choices)
    definitive_after = django_filters.DateFilter(field_name="definitive_date", lookup_expr="gte")
    definitive_before = django_filters.DateFilter(field_name="definitive_date", lookup_expr="lte")
    implemented = django_filters.BooleanFilter(
        field_name="implemented_on", lookup_expr="isnull", exclude=True
    )
    assistance = django_filters.BooleanFilter(method="filter_assistance", label="Needs assistance")

    class Meta:
        model = TFANotification
        fields = ["member", "region", "status", "measure", "category"]

    def filter_assistance(self, queryset, name, value):
        needs = ~Q(assistance_needed="")
        return queryset.filter(needs) if value else queryset.exclude(needs)


class ReleaseTimeStudyFilterSet(MemberRegionStatusFilters):
    mode = django_filters.MultipleChoiceFilter(choices=BorderMode.choices)
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = ReleaseTimeStudy
        fields = ["member", "region", "status", "mode", "year"]


class EcommerceStandardFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = EcommerceStandard
        fields = ["principle"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(principle__icontains=value))


class EcommerceAdoptionFilterSet(MemberRegionStatusFilters):
    standard = django_filters.NumberFilter(field_name="standard__number")
    adoption_status = django_filters.MultipleChoiceFilter(choices=AdoptionStatus.choices)
    behind = django_filters.BooleanFilter(method="filter_behind", label="On an older version")
    adopted_after = django_filters.DateFilter(field_name="adopted_on", lookup_expr="gte")
    adopted_before = django_filters.DateFilter(field_name="adopted_on", lookup_expr="lte")

    class Meta:
        model = EcommerceAdoption
        fields = ["member", "region", "status", "standard", "adoption_status"]

    def filter_behind(self, queryset, name, value):
        from django.db.models import F

        older = Q(version__lt=F("standard__version"))
        return queryset.filter(older) if value else queryset.exclude(older)


class JointActivityFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ActivityKind.choices)
    partner = django_filters.CharFilter(lookup_expr="icontains")
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = JointActivity
        fields = ["kind", "partner"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(outcome__icontains=value))


class RevenueReportFilterSet(MemberRegionStatusFilters):
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = RevenueReport
        fields = ["member", "region", "status", "year", "confidentiality"]
