"""FilterSets shared by the browser lists and the API."""

import django_filters

from core.choices import Confidentiality, WorkflowStatus
from security.choices import AEOCoverage, AEOStatus, Involvement, Readiness, RecognitionStatus
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SecurityStrategyRole,
)


class MemberRegionFilters(django_filters.FilterSet):
    member = django_filters.CharFilter(field_name="member__code", lookup_expr="iexact")
    region = django_filters.CharFilter(field_name="member__region__code", lookup_expr="iexact")
    submission_status = django_filters.MultipleChoiceFilter(
        field_name="status", choices=WorkflowStatus.choices
    )


class SafeAdoptionFilterSet(MemberRegionFilters):
    pillar = django_filters.NumberFilter(field_name="pillars__number", distinct=True)
    edition = django_filters.NumberFilter(field_name="edition__year")
    letter_after = django_filters.DateFilter(field_name="letter_of_intent_on", lookup_expr="gte")
    letter_before = django_filters.DateFilter(field_name="letter_of_intent_on", lookup_expr="lte")

    class Meta:
        model = SafeAdoption
        fields = ["member", "region", "submission_status", "pillar", "edition"]


class AEOProgrammeFilterSet(MemberRegionFilters):
    # `status` is the programme's status on the wire (the contract's AEO `status`).
    status = django_filters.MultipleChoiceFilter(
        field_name="programme_status", choices=AEOStatus.choices
    )
    covers = django_filters.MultipleChoiceFilter(choices=AEOCoverage.choices)
    launched_after = django_filters.DateFilter(field_name="launched_on", lookup_expr="gte")
    launched_before = django_filters.DateFilter(field_name="launched_on", lookup_expr="lte")

    class Meta:
        model = AEOProgramme
        fields = ["member", "region", "status", "submission_status", "covers"]


class AEOOperatorCountFilterSet(MemberRegionFilters):
    year = django_filters.NumberFilter()
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = AEOOperatorCount
        fields = ["member", "region", "submission_status", "year"]


class SecurityStrategyRoleFilterSet(MemberRegionFilters):
    involvement = django_filters.MultipleChoiceFilter(choices=Involvement.choices)

    class Meta:
        model = SecurityStrategyRole
        fields = ["member", "region", "submission_status", "involvement", "seat_on_security_body"]


class MutualRecognitionFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=RecognitionStatus.choices)
    party = django_filters.CharFilter(method="filter_party", label="Party (code)")
    region = django_filters.CharFilter(
        field_name="members__region__code", lookup_expr="iexact", distinct=True
    )
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    live = django_filters.BooleanFilter(field_name="ended_on", lookup_expr="isnull")

    class Meta:
        model = MutualRecognition
        fields = ["status", "party", "region", "live"]

    def filter_party(self, queryset, name, value):
        code = value.upper()
        return queryset.filter(party_key__regex=rf"(^|\|){code}(\||$)")


class PassengerDataReadinessFilterSet(MemberRegionFilters):
    api_status = django_filters.MultipleChoiceFilter(choices=Readiness.choices)
    pnr_status = django_filters.MultipleChoiceFilter(choices=Readiness.choices)
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    go_live_after = django_filters.DateFilter(field_name="go_live", lookup_expr="gte")
    go_live_before = django_filters.DateFilter(field_name="go_live", lookup_expr="lte")

    class Meta:
        model = PassengerDataReadiness
        fields = ["member", "region", "submission_status", "api_status", "pnr_status"]


class RiskManagementAssessmentFilterSet(MemberRegionFilters):
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    assessed_after = django_filters.DateFilter(field_name="assessed_on", lookup_expr="gte")
    assessed_before = django_filters.DateFilter(field_name="assessed_on", lookup_expr="lte")

    class Meta:
        model = RiskManagementAssessment
        fields = ["member", "region", "submission_status"]
