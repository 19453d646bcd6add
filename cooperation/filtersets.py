"""FilterSets shared by the browser lists and the API. Every filter applies to a queryset
already scoped to the user (`for_user`), so a search never reaches a record the user may not
read."""

import django_filters
from django.db.models import Q

from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    ExchangeCategory,
    OutreachKind,
    PartnerKind,
)
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.choices import Confidentiality, WorkflowStatus
from core.dates import EARLIEST, LATEST


def year_filter(field_name):
    """A calendar year within the platform's range: another is a 400 in the API, an ignored
    filter on a page (a year such as 99999 would overflow the date lookup)."""
    return django_filters.NumberFilter(
        field_name=field_name, min_value=EARLIEST.year, max_value=LATEST.year
    )


class SearchFilterSet(django_filters.FilterSet):
    """`q` (the browser lists' name) or `search`: any of `search_fields` contains the text."""

    search_fields = ()

    q = django_filters.CharFilter(method="filter_search", label="Search")
    search = django_filters.CharFilter(method="filter_search", label="Search")

    def filter_search(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class PartnerFilterSet(SearchFilterSet):
    search_fields = ("name", "acronym")
    kind = django_filters.MultipleChoiceFilter(choices=PartnerKind.choices)

    class Meta:
        model = Partner
        fields = ["kind"]


class AgreementFilterSet(SearchFilterSet):
    search_fields = ("title", "scope")
    # `status` is where the agreement stands (the contract's); `submission_status` its review.
    status = django_filters.MultipleChoiceFilter(
        field_name="agreement_status", choices=AgreementStatus.choices
    )
    submission_status = django_filters.MultipleChoiceFilter(
        field_name="status", choices=WorkflowStatus.choices
    )
    kind = django_filters.MultipleChoiceFilter(choices=AgreementKind.choices)
    confidentiality = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    party = django_filters.CharFilter(method="filter_party", label="Party (member code)")
    member = django_filters.CharFilter(method="filter_party", label="Party (member code)")
    partner = django_filters.NumberFilter(field_name="partners", distinct=True)
    region = django_filters.CharFilter(
        field_name="parties__region__code", lookup_expr="iexact", distinct=True
    )
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    in_force_on = django_filters.DateFilter(method="filter_in_force_on", label="In force on")
    expiring_within = django_filters.NumberFilter(
        method="filter_expiring_within", label="In force and expiring within (days)", min_value=0
    )

    class Meta:
        model = Agreement
        fields = ["kind", "allows_personal_data", "data_protection_clauses"]

    def filter_party(self, queryset, name, value):
        return queryset.filter(
            pk__in=Agreement.parties.through.objects.filter(
                member__code__iexact=value.strip()
            ).values("agreement_id")
        )

    def filter_in_force_on(self, queryset, name, value):
        return queryset.in_force_on(value)

    def filter_expiring_within(self, queryset, name, value):
        return queryset.expiring_within(min(int(value), 36500))


class InformationExchangeFilterSet(SearchFilterSet):
    search_fields = ("reference", "note")
    agreement = django_filters.NumberFilter()
    member = django_filters.CharFilter(method="filter_member", label="Sender or receiver (code)")
    sender = django_filters.CharFilter(field_name="sender__code", lookup_expr="iexact")
    receiver = django_filters.CharFilter(field_name="receiver__code", lookup_expr="iexact")
    region = django_filters.CharFilter(
        method="filter_region", label="Sender's or receiver's region"
    )
    category = django_filters.MultipleChoiceFilter(choices=ExchangeCategory.choices)
    classification = django_filters.MultipleChoiceFilter(choices=Confidentiality.choices)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte")
    year = year_filter("date__year")

    class Meta:
        model = InformationExchange
        fields = ["agreement", "personal_data"]

    def filter_member(self, queryset, name, value):
        code = value.strip()
        return queryset.filter(Q(sender__code__iexact=code) | Q(receiver__code__iexact=code))

    def filter_region(self, queryset, name, value):
        code = value.strip()
        return queryset.filter(
            Q(sender__region__code__iexact=code) | Q(receiver__region__code__iexact=code)
        )


class StakeholderDialogueFilterSet(SearchFilterSet):
    search_fields = ("title", "outcomes")
    kind = django_filters.MultipleChoiceFilter(choices=DialogueKind.choices)
    partner = django_filters.NumberFilter(field_name="partners", distinct=True)
    member = django_filters.CharFilter(
        field_name="members__code", lookup_expr="iexact", distinct=True
    )
    region = django_filters.CharFilter(
        field_name="members__region__code", lookup_expr="iexact", distinct=True
    )
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")
    year = year_filter("held_on__year")

    class Meta:
        model = StakeholderDialogue
        fields = ["kind"]


class FollowUpActionFilterSet(SearchFilterSet):
    search_fields = ("action", "owner")
    dialogue = django_filters.NumberFilter()
    status = django_filters.MultipleChoiceFilter(choices=ActionStatus.choices)
    due_after = django_filters.DateFilter(field_name="due", lookup_expr="gte")
    due_before = django_filters.DateFilter(field_name="due", lookup_expr="lte")

    class Meta:
        model = FollowUpAction
        fields = ["dialogue", "status"]


class OutreachActionFilterSet(SearchFilterSet):
    search_fields = ("title", "forum", "audience", "outcome")
    kind = django_filters.MultipleChoiceFilter(choices=OutreachKind.choices)
    region = django_filters.CharFilter(method="filter_region", label="Region (code)")
    member = django_filters.CharFilter(
        field_name="members__code", lookup_expr="iexact", distinct=True
    )
    commitment = django_filters.CharFilter(
        field_name="commitments__code", lookup_expr="iexact", distinct=True
    )
    held_after = django_filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = django_filters.DateFilter(field_name="held_on", lookup_expr="lte")
    year = year_filter("held_on__year")

    class Meta:
        model = OutreachAction
        fields = ["kind"]

    def filter_region(self, queryset, name, value):
        """Addressed to the region, or to members of it."""
        code = value.strip()
        reached = OutreachAction.members.through.objects.filter(member__region__code__iexact=code)
        return queryset.filter(
            Q(region__code__iexact=code) | Q(pk__in=reached.values("outreachaction_id"))
        )
