from datetime import date

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.figures import AreaSummaryView, start_of_year
from core.api.viewsets import MemberSubmissionViewSet, ReadGrantsMixin, ScopedViewSet
from security import report, services
from security.api.serializers import (
    AEOOperatorCountSerializer,
    AEOProgrammeSerializer,
    CustomsUnionSerializer,
    MutualRecognitionSerializer,
    PassengerDataReadinessSerializer,
    RiskManagementAssessmentSerializer,
    SafeAdoptionSerializer,
    SafeEditionSerializer,
    SafePillarSerializer,
    SecurityStrategyRoleSerializer,
)
from security.filtersets import (
    AEOOperatorCountFilterSet,
    AEOProgrammeFilterSet,
    MutualRecognitionFilterSet,
    PassengerDataReadinessFilterSet,
    RiskManagementAssessmentFilterSet,
    SafeAdoptionFilterSet,
    SecurityStrategyRoleFilterSet,
)
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SafePillar,
    SecurityStrategyRole,
)


class OneRecordAMemberViewSet(MemberSubmissionViewSet):
    """A register members report into, one record per member: the natural key is the member."""

    csv_natural_key = ("member",)


class SafeEditionViewSet(ScopedViewSet):
    """Editions of the SAFE Framework; the secretariat records new ones."""

    queryset = SafeEdition.objects.order_by("-year")
    serializer_class = SafeEditionSerializer
    secretariat_writes_only = True


class SafePillarViewSet(ScopedViewSet):
    queryset = SafePillar.objects.order_by("number")
    serializer_class = SafePillarSerializer
    secretariat_writes_only = True


class SafeAdoptionViewSet(OneRecordAMemberViewSet):
    """Members' adoption of the SAFE Framework: letter of intent, edition, pillars."""

    queryset = (
        SafeAdoption.objects.select_related("member", "edition")
        .prefetch_related("pillars")
        .order_by("member__code")
    )
    serializer_class = SafeAdoptionSerializer
    filterset_class = SafeAdoptionFilterSet


class AEOProgrammeViewSet(OneRecordAMemberViewSet):
    """Members' AEO programmes (`status`: none, planned, pilot, operational)."""

    queryset = AEOProgramme.objects.select_related("member").order_by("member__code")
    serializer_class = AEOProgrammeSerializer
    filterset_class = AEOProgrammeFilterSet


class AEOOperatorCountViewSet(MemberSubmissionViewSet):
    """Operators certified by members' AEO programmes, one count per member and year (the
    programme's `certified_operators` is its latest count)."""

    queryset = AEOOperatorCount.objects.select_related("member").order_by("member__code", "-year")
    serializer_class = AEOOperatorCountSerializer
    filterset_class = AEOOperatorCountFilterSet
    csv_natural_key = ("member", "year")


class SecurityStrategyRoleViewSet(OneRecordAMemberViewSet):
    """Customs' part in each member's national security strategy."""

    queryset = SecurityStrategyRole.objects.select_related("member").order_by("member__code")
    serializer_class = SecurityStrategyRoleSerializer
    filterset_class = SecurityStrategyRoleFilterSet


class CustomsUnionViewSet(ScopedViewSet):
    """Customs unions that are one party to arrangements (e.g. the EU)."""

    queryset = CustomsUnion.objects.prefetch_related("members").order_by("code")
    serializer_class = CustomsUnionSerializer
    secretariat_writes_only = True


class MutualRecognitionViewSet(ScopedViewSet):
    """Mutual recognition arrangements of AEO programmes (public); `parties` are member codes
    and customs unions' codes. `network/`: who recognises whom, with regions."""

    queryset = MutualRecognition.objects.prefetch_related("members", "customs_unions").order_by(
        "party_key"
    )
    serializer_class = MutualRecognitionSerializer
    filterset_class = MutualRecognitionFilterSet
    secretariat_writes_only = True

    @extend_schema(
        responses=inline_serializer(
            "RecognitionEdge",
            {"parties": serializers.ListField(child=serializers.CharField())},
            many=True,
        )
    )
    @action(detail=False, methods=["get"])
    def network(self, request, *args, **kwargs):
        recognitions = services.live_recognitions(date.today()).prefetch_related(
            "members__region", "customs_unions"
        )
        return Response(
            [
                {
                    "id": r.pk,
                    "parties": sorted(
                        [m.code for m in r.members.all()] + [u.code for u in r.customs_unions.all()]
                    ),
                    "regions": sorted({m.region.code for m in r.members.all()}),
                    "implemented_on": r.implemented_on,
                }
                for r in recognitions
            ]
        )


class PassengerDataReadinessViewSet(ReadGrantsMixin, OneRecordAMemberViewSet):
    """Members' readiness for API and PNR passenger data: `restricted` by default (the member,
    the secretariat and the members it grants read it)."""

    queryset = PassengerDataReadiness.objects.select_related("member").order_by("member__code")
    serializer_class = PassengerDataReadinessSerializer
    filterset_class = PassengerDataReadinessFilterSet


class RiskManagementAssessmentViewSet(ReadGrantsMixin, MemberSubmissionViewSet):
    """Risk-management maturity assessments (`restricted` by default), one per member and day."""

    queryset = RiskManagementAssessment.objects.select_related("member").order_by(
        "member__code", "-assessed_on"
    )
    serializer_class = RiskManagementAssessmentSerializer
    filterset_class = RiskManagementAssessmentFilterSet
    csv_natural_key = ("member", "assessed_on")


class SummaryView(AreaSummaryView):
    """The security figures of a period (default: this year to `end`); restricted registers
    only as aggregates over five members or more."""

    summary = staticmethod(report.summary)
    default_start = staticmethod(start_of_year)
