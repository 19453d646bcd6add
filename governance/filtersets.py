"""FilterSets shared by the browser lists and the API."""

import django_filters
from django.db.models import Q

from core.choices import Confidentiality, WorkflowStatus
from governance.choices import Outcome, Presence
from governance.models import (
    Attendance,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
    Position,
)


class MemberRegionFilters(django_filters.FilterSet):
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")


class PositionFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")

    class Meta:
        model = Position
        fields = ["body", "higher_responsibility"]


class MandateFilterSet(MemberRegionFilters):
    body = django_filters.CharFilter(field_name="position__body__code")
    position = django_filters.NumberFilter(field_name="position_id")
    current = django_filters.BooleanFilter(method="filter_current", label="In force today")
    ending_within = django_filters.NumberFilter(
        method="filter_ending_within", label="Ending within (days)", min_value=0, max_value=36500
    )
    start_after = django_filters.DateFilter(field_name="start", lookup_expr="gte")
    start_before = django_filters.DateFilter(field_name="start", lookup_expr="lte")
    end_after = django_filters.DateFilter(field_name="end", lookup_expr="gte")
    end_before = django_filters.DateFilter(field_name="end", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Mandate
        fields = ["body", "position", "member", "region", "term_number"]

    def filter_current(self, queryset, name, value):
        current = queryset.current()
        return current if value else queryset.exclude(pk__in=current.values("pk"))

    def filter_ending_within(self, queryset, name, value):
        return queryset.ending_within(int(value))

    def search(self, queryset, name, value):
        return queryset.filter(Q(holder__icontains=value) | Q(position__title__icontains=value))


class DecisionFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    outcome = django_filters.MultipleChoiceFilter(choices=Outcome.choices)
    commitment = django_filters.CharFilter(field_name="commitments__code", lookup_expr="iexact")
    decided_after = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte")
    decided_before = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte")
    published = django_filters.BooleanFilter(
        field_name="published_at", lookup_expr="isnull", exclude=True
    )
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Decision
        fields = ["body", "meeting", "outcome", "commitment", "published"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value) | Q(title__icontains=value) | Q(summary__icontains=value)
        )


class DecisionDocumentFilterSet(django_filters.FilterSet):
    class Meta:
        model = DecisionDocument
        fields = ["decision"]


class MeetingFilterSet(django_filters.FilterSet):
    body = django_filters.CharFilter(field_name="body__code")
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Search")

    class Meta:
        model = Meeting
        fields = ["body"]


class AttendanceFilterSet(MemberRegionFilters):
    meeting = django_filters.NumberFilter(field_name="meeting_id")
    body = django_filters.CharFilter(field_name="meeting__body__code")
    presence = django_filters.MultipleChoiceFilter(choices=Presence.choices)
    held_after = django_filters.DateFilter(field_name="meeting__held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="meeting__held_on", lookup_expr="lte")

    class Meta:
        model = Attendance
        fields = ["meeting", "body", "member", "region", "presence"]


class ConsultationFilterSet(django_filters.FilterSet):
    open_on = django_filters.DateFilter(method="filter_open_on", label="Open on")
    closes_after = django_filters.DateFilter(field_name="closes_on", lookup_expr="gte")
    closes_before = django_filters.DateFilter(field_name="closes_on", lookup_expr="lte")
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Consultation
        fields = []

    def filter_open_on(self, queryset, name, value):
        return queryset.filter(opened_on__lte=value, closes_on__gte=value)

    def search(self, queryset, name, value):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))


class ConsultationResponseFilterSet(MemberRegionFilters):
    consultation = django_filters.CharFilter(
        field_name="consultation__reference", lookup_expr="iexact"
    )
    status = django_filters.MultipleChoiceFilter(choices=WorkflowStatus.choices)
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    responded_after = django_filters.DateFilter(field_name="responded_on", lookup_expr="gte")
    responded_before = django_filters.DateFilter(field_name="responded_on", lookup_expr="lte")

    class Meta:
        model = ConsultationResponse
        fields = ["consultation", "member", "region", "status", "confidentiality"]
