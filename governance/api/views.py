from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.csv import CsvRoundTripMixin
from core.api.figures import PERIOD_PARAMETERS, AreaSummaryView, period_from
from core.api.viewsets import (
    MemberSubmissionViewSet,
    ReadGrantsMixin,
    ScopedViewSet,
)
from core.choices import WorkflowStatus
from governance import report, services
from governance.api.serializers import (
    AttendanceSerializer,
    BodySerializer,
    ConsultationResponseSerializer,
    ConsultationSerializer,
    DecisionDocumentSerializer,
    DecisionSerializer,
    MandateSerializer,
    MeetingSerializer,
    ParticipationSerializer,
    PositionSerializer,
)
from governance.choices import PRESENT
from governance.filtersets import (
    AttendanceFilterSet,
    ConsultationFilterSet,
    ConsultationResponseFilterSet,
    DecisionFilterSet,
    MandateFilterSet,
    MeetingFilterSet,
    PositionFilterSet,
)
from governance.models import (
    Attendance,
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
    Position,
)


class BodyViewSet(ScopedViewSet):
    """The WCO's bodies. Everyone reads them; the secretariat keeps them."""

    queryset = Body.objects.order_by("name")
    serializer_class = BodySerializer
    secretariat_writes_only = True


class PositionViewSet(ScopedViewSet):
    """Positions, with their term length and limit of consecutive terms."""

    queryset = Position.objects.select_related("body").order_by("body__name", "title")
    serializer_class = PositionSerializer
    filterset_class = PositionFilterSet
    secretariat_writes_only = True


class MandateViewSet(ScopedViewSet):
    """Mandates of the positions. `?ending_within=180` lists those to renew or fill;
    `POST .../renew/` creates the holder's next term, or says why it cannot."""

    queryset = Mandate.objects.select_related("position__body", "member").order_by("-start", "id")
    serializer_class = MandateSerializer
    filterset_class = MandateFilterSet
    ordering_fields = ["start", "end", "holder"]
    secretariat_writes_only = True

    @extend_schema(request=None, responses={201: MandateSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, *args, **kwargs):
        mandate = self.get_object()
        following = mandate.renew(by=request.user)
        return Response(self.get_serializer(following).data, status=status.HTTP_201_CREATED)


class DecisionViewSet(ScopedViewSet):
    """The decision register. Members and the public read published decisions; the
    secretariat records them and publishes them (`POST .../publish/`)."""

    queryset = (
        Decision.objects.select_related("body")
        .prefetch_related("commitments", "documents")
        .order_by("-decided_on", "reference")
    )
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilterSet
    ordering_fields = ["decided_on", "reference", "published_at"]
    secretariat_writes_only = True

    @extend_schema(request=None, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        decision = self.get_object()
        decision.publish(by=request.user)
        return Response(self.get_serializer(decision).data)


class DecisionDocumentViewSet(ScopedViewSet):
    queryset = DecisionDocument.objects.select_related("decision").order_by("decision", "title")
    serializer_class = DecisionDocumentSerializer
    filterset_fields = ["decision"]
    secretariat_writes_only = True


class MeetingViewSet(ScopedViewSet):
    """Meetings of the bodies, with how many members were expected and present."""

    queryset = (
        Meeting.objects.select_related("body")
        .annotate(
            members_expected=Count("attendances"),
            members_present=Count("attendances", filter=Q(attendances__presence__in=PRESENT)),
        )
        .order_by("-held_on", "id")
    )
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    secretariat_writes_only = True


class AttendanceViewSet(CsvRoundTripMixin, ScopedViewSet):
    """Who took part in each meeting. The secretariat records the roll, one member a row (a JSON
    list creates all or none; CSV import by meeting and member)."""

    queryset = Attendance.objects.select_related("member", "meeting").order_by(
        "-meeting__held_on", "meeting_id", "member__code"
    )
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet
    secretariat_writes_only = True
    csv_natural_key = ("meeting", "member")


class ConsultationViewSet(ScopedViewSet):
    queryset = (
        Consultation.objects.prefetch_related("commitments")
        .annotate(
            responses_published=Count(
                "responses", filter=Q(responses__status=WorkflowStatus.PUBLISHED)
            )
        )
        .order_by("-opened_on", "reference")
    )
    serializer_class = ConsultationSerializer
    filterset_class = ConsultationFilterSet
    secretariat_writes_only = True


class ConsultationResponseViewSet(ReadGrantsMixin, MemberSubmissionViewSet):
    """Members' responses to consultations: a member writes and submits its own; the
    secretariat validates, returns or publishes them."""

    queryset = ConsultationResponse.objects.select_related("consultation", "member").order_by(
        "-responded_on", "id"
    )
    serializer_class = ConsultationResponseSerializer
    filterset_class = ConsultationResponseFilterSet
    ordering_fields = ["responded_on", "updated_at"]
    csv_natural_key = ("consultation", "member")


# --- figures --------------------------------------------------------------------------------


class SummaryView(AreaSummaryView):
    """The governance figures of a period (default: the twelve months to `end`)."""

    summary = staticmethod(report.summary)


class MemberParticipationSerializer(ParticipationSerializer):
    member = serializers.CharField(source="member.code")
    name = serializers.CharField(source="member.name")
    region = serializers.CharField(source="member.region.code")


class ParticipationView(APIView):
    """Participation of members in the period's meetings and consultations: overall, per
    region and per member (`?region=` narrows the members)."""

    @extend_schema(
        parameters=[*PERIOD_PARAMETERS, OpenApiParameter("region", str)],
        responses=inline_serializer(
            "GovernanceParticipation",
            {
                "overall": ParticipationSerializer(),
                "members": MemberParticipationSerializer(many=True),
            },
        ),
    )
    def get(self, request):
        period = period_from(request)
        by_member = services.participation_by_member(period.start, period.end)
        regions, overall = services.participation_by_region(by_member)
        region = request.query_params.get("region", "").upper()
        members = [
            {"member": member, **figures.as_dict()}
            for member, figures in by_member.items()
            if not region or member.region.code == region
        ]
        return Response(
            {
                "period_start": period.start,
                "period_end": period.end,
                "overall": overall.as_dict(),
                "regions": [
                    {"region": r.code, "name": r.name, **figures.as_dict()}
                    for r, figures in regions.items()
                ],
                "members": MemberParticipationSerializer(members, many=True).data,
            }
        )


class AbsentQuerySerializer(serializers.Serializer):
    last = serializers.IntegerField(min_value=1, max_value=50, default=3)
    body = serializers.SlugRelatedField(
        slug_field="code", queryset=Body.objects.all(), required=False
    )


class AbsentMembersView(APIView):
    """Members expected at one or more of the last N meetings that took part in none."""

    @extend_schema(
        parameters=[OpenApiParameter("last", int), OpenApiParameter("body", str)],
        responses=inline_serializer(
            "AbsentMember",
            {"member": serializers.CharField(), "name": serializers.CharField()},
            many=True,
        ),
    )
    def get(self, request):
        query = AbsentQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        members = services.absent_from_last_meetings(
            query.validated_data["last"], query.validated_data.get("body")
        )
        return Response(
            [
                {"member": m.code, "name": m.name, "region": m.region.code, "expected": m.expected}
                for m in members
            ]
        )
