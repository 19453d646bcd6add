from datetime import date

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import ProtectedError
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from cooperation import report, services
from cooperation.api.serializers import (
    AgreementSerializer,
    ExchangeCountsSerializer,
    FollowUpActionSerializer,
    InformationExchangeSerializer,
    OutreachActionSerializer,
    PartnerSerializer,
    StakeholderDialogueSerializer,
)
from cooperation.filtersets import (
    AgreementFilterSet,
    FollowUpActionFilterSet,
    InformationExchangeFilterSet,
    OutreachActionFilterSet,
    PartnerFilterSet,
    StakeholderDialogueFilterSet,
)
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.api.csv import CsvRoundTripMixin
from core.api.figures import PERIOD_PARAMETERS, AreaSummaryView, period_from, start_of_year
from core.api.viewsets import (
    ReadGrantsMixin,
    ScopedViewSet,
    WorkflowActionsMixin,
)
from core.models import WorkflowConflict
from core.roles import is_secretariat, member_ids_for


class SharedRecordViewSet(ReadGrantsMixin, CsvRoundTripMixin, ScopedViewSet):
    """A register of records with several parties, shared by grants (a party is never granted
    what it reads anyway: the model's `always_read_by`); a CSV row's natural key naming a record
    the user may not read creates a new record rather than confirming that one exists."""

    def check_parties_for_user(self, attrs, instance=None):
        """Hook: a member user writes only records its member is a party to (403)."""

    def perform_create(self, serializer):
        items = serializer.validated_data
        for attrs in items if isinstance(items, list) else [items]:
            self.check_parties_for_user(attrs)
        super().perform_create(serializer)

    def perform_update(self, serializer):
        self.check_parties_for_user(serializer.validated_data, serializer.instance)
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        try:
            super().perform_destroy(instance)
        except ProtectedError as exc:
            raise WorkflowConflict(
                "Other records depend on this agreement: it cannot be deleted (terminate it "
                "instead)."
            ) from exc


class PartnerViewSet(ScopedViewSet):
    """Partners: international organisations, business associations, academia, agencies."""

    queryset = Partner.objects.order_by("name")
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    secretariat_writes_only = True


class AgreementViewSet(WorkflowActionsMixin, SharedRecordViewSet):
    """Cooperation agreements. A party's users record and read them (any status and
    confidentiality); others read them once published, by confidentiality; the secretariat reads
    all but the confidential ones it was not named on. Filter `?expiring_within=180` for those
    in force that expire soon. Natural key in CSV: title and signature date."""

    queryset = Agreement.objects.prefetch_related("parties", "partners").order_by("title", "id")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    csv_natural_key = ("title", "signed_on")

    def check_parties_for_user(self, attrs, instance=None):
        user = self.request.user
        if is_secretariat(user) or "parties" not in attrs:
            return
        if not {member.pk for member in attrs["parties"]} & member_ids_for(user):
            raise PermissionDenied(
                "You may only record agreements your member administration is a party to."
            )


class InformationExchangeViewSet(SharedRecordViewSet):
    """Information exchanged under agreements: read only by the sender, the receiver and those
    granted it (the secretariat too); recorded by the sender or the secretariat. Others see
    aggregate counts only (`exchanges/counts/`). Natural key in CSV: sender and reference."""

    queryset = InformationExchange.objects.select_related("sender", "receiver").order_by(
        "-date", "id"
    )
    serializer_class = InformationExchangeSerializer
    filterset_class = InformationExchangeFilterSet
    csv_natural_key = ("sender", "reference")

    def check_parties_for_user(self, attrs, instance=None):
        try:
            InformationExchange.check_sender(self.request.user, attrs.get("sender"))
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc


class StakeholderDialogueViewSet(ScopedViewSet):
    """Dialogue events with business and other stakeholders, with their follow-up actions."""

    queryset = StakeholderDialogue.objects.prefetch_related(
        "partners", "members", "follow_up_actions"
    ).order_by("-held_on", "title")
    serializer_class = StakeholderDialogueSerializer
    filterset_class = StakeholderDialogueFilterSet
    secretariat_writes_only = True


class FollowUpActionViewSet(ScopedViewSet):
    queryset = FollowUpAction.objects.order_by("due", "id")
    serializer_class = FollowUpActionSerializer
    filterset_class = FollowUpActionFilterSet
    secretariat_writes_only = True


class OutreachActionViewSet(ScopedViewSet):
    """Actions raising awareness at political level, the region or members reached and the
    commitments they serve."""

    queryset = (
        OutreachAction.objects.select_related("region")
        .prefetch_related("members", "commitments")
        .order_by("-held_on", "title")
    )
    serializer_class = OutreachActionSerializer
    filterset_class = OutreachActionFilterSet
    secretariat_writes_only = True


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
