from datetime import date

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import ProtectedError
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperation import report, services
from cooperation.api.serializers import ExchangeCountsSerializer
from cooperation.models import InformationExchange
from core.api.csv import CsvRoundTripMixin
from core.api.figures import PERIOD_PARAMETERS, AreaSummaryView, period_from, start_of_year
from core.api.viewsets import ReadGrantsMixin, ScopedViewSet, WorkflowActionsMixin
from core.models import WorkflowConflict
from core.roles import is_secretariat, member_ids_for

# The registers' records, serializers, filters and CSV keys come from their declarations
# (cooperation/registers.py); these classes add only what agreements and exchanges do more.


class SharedRecordViewSet(ReadGrantsMixin, CsvRoundTripMixin, ScopedViewSet):
    """A register of records with several parties, shared by grants (a party is never granted
    what it reads anyway: the model's `always_read_by`); a CSV row's natural key naming a record
    the user may not read creates a new record rather than confirming that one exists."""

    def check_parties_for_user(self, attrs):
        """Hook: a member user writes only records its member is a party to (403)."""

    def perform_create(self, serializer):
        items = serializer.validated_data
        for attrs in items if isinstance(items, list) else [items]:
            self.check_parties_for_user(attrs)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self.check_parties_for_user(serializer.validated_data)
        super().perform_update(serializer)


class AgreementViewSet(WorkflowActionsMixin, SharedRecordViewSet):
    """Agreements: any party's users record them and move them through the workflow; an
    agreement information was exchanged under is not deleted (409). Filter
    `?expiring_within=180` for those in force that expire soon."""

    def check_item(self, item):
        # Before validation: an agreement a member records names its member among the parties.
        parties = item.get("parties") if isinstance(item, dict) else None
        named = (
            {p.strip().upper() for p in parties}
            if isinstance(parties, list) and all(isinstance(p, str) for p in parties)
            else set()
        )
        if named and not named & self.own_codes():
            raise PermissionDenied(
                "You may only record agreements your member administration is a party to."
            )

    def check_parties_for_user(self, attrs):
        user = self.request.user
        if is_secretariat(user) or "parties" not in attrs:
            return
        if not {member.pk for member in attrs["parties"]} & member_ids_for(user):
            raise PermissionDenied(
                "You may only record agreements your member administration is a party to."
            )

    def perform_destroy(self, instance):
        try:
            super().perform_destroy(instance)
        except ProtectedError as exc:
            # Neither how many nor which: the user may not read the exchanges.
            raise WorkflowConflict(
                "Other records depend on this agreement: it cannot be deleted (terminate it "
                "instead)."
            ) from exc


class InformationExchangeViewSet(SharedRecordViewSet):
    """Exchanges: recorded by the sender's users or the secretariat; others see aggregate counts
    only (`exchanges/counts/`)."""

    def check_item(self, item):
        # Before validation: an exchange a member records is sent by its member.
        sender = item.get("sender") if isinstance(item, dict) else None
        if isinstance(sender, str) and sender.strip().upper() not in self.own_codes():
            raise PermissionDenied("You may only record exchanges your member administration sent.")

    def check_parties_for_user(self, attrs):
        try:
            InformationExchange.check_sender(self.request.user, attrs.get("sender"))
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc


def five_years_before(end):
    return date(end.year - 4, 1, 1)


class ExchangeCountsView(APIView):
    """Aggregate counts of the information exchanges of a period (default: the five calendar
    years to `end`), per year, category and personal data: anyone reads them, whoever the
    exchanges' parties, as the summary and the public report give them."""

    @extend_schema(parameters=PERIOD_PARAMETERS, responses={200: ExchangeCountsSerializer})
    def get(self, request):
        period = period_from(request, five_years_before)
        counts = services.exchange_counts(period.start, period.end)
        return Response({"period_start": period.start, "period_end": period.end, **counts})


class SummaryView(AreaSummaryView):
    """The cooperation figures of a period (default: this year to `end`): aggregates only."""

    summary = staticmethod(report.summary)
    default_start = staticmethod(start_of_year)
