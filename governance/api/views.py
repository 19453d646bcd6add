"""The governance API beyond its registers' generic collections (declared in
`governance.registers`): a mandate's renewal, a decision's publication, the counts meetings and
consultations carry, and the area's figures."""

from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.figures import PERIOD_PARAMETERS, AreaSummaryView, period_from
from core.api.viewsets import ScopedViewSet
from core.choices import WorkflowStatus
from governance import report, services
from governance.api.serializers import (
    DecisionSerializer,
    MandateSerializer,
    ParticipationSerializer,
)
from governance.choices import PRESENT
from governance.models import Body


class MandateViewSet(ScopedViewSet):
    """Mandates of the positions. `?ending_within=180` lists those to renew or fill;
    `POST .../renew/` creates the holder's next term, or says why it cannot."""

    @extend_schema(request=None, responses={201: MandateSerializer})
    @action(detail=True, methods=["post"])
    def renew(self, request, *args, **kwargs):
        mandate = self.get_object()
        following = mandate.renew(by=request.user)
        return Response(self.get_serializer(following).data, status=status.HTTP_201_CREATED)


class DecisionViewSet(ScopedViewSet):
    """The decision register. Members and the public read published decisions; the
    secretariat records them and publishes them (`POST .../publish/`)."""

    # Sorted by its dates and reference only: sorted by its commitments or documents, a
    # decision would be listed once for each.
    ordering_fields = ["decided_on", "reference", "published_at"]

    def get_queryset(self):
        # Each decision's documents come with it in the answer (the list page shows none).
        return super().get_queryset().prefetch_related("documents")

    @extend_schema(request=None, responses={200: DecisionSerializer})
    @action(detail=True, methods=["post"])
    def publish(self, request, *args, **kwargs):
        decision = self.get_object()
        decision.publish(by=request.user)
        return Response(self.get_serializer(decision).data)


class MeetingViewSet(ScopedViewSet):
    """Meetings of the bodies, with how many members were expected and present."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(
                members_expected=Count("attendances"),
                members_present=Count("attendances", filter=Q(attendances__presence__in=PRESENT)),
            )
        )


class ConsultationViewSet(ScopedViewSet):
    """Consultations of all members by the secretariat; the API's answer carries the
    commitments each serves and how many of its responses are published."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related("commitments")
            .annotate(
                responses_published=Count(
                    "responses", filter=Q(responses__status=WorkflowStatus.PUBLISHED)
                )
            )
        )


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
