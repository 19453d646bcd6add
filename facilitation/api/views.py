from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.figures import AreaSummaryView, start_of_year
from core.api.viewsets import ScopedViewSet
from core.dates import within_platform_range
from core.models import Region
from facilitation import report, services
from facilitation.api.serializers import EcommerceStandardSerializer, RevisionSerializer
from facilitation.models import TFAMeasure

# The registers' collections are declared in `facilitation.registers`; their records,
# serializers and filters come from there. These classes add only what is their own.


class TFAMeasureViewSet(ScopedViewSet):
    """The 36 measures of the Trade Facilitation Agreement, by code (`tfa-measures/7.4/`): a
    code has a dot, which the router's default lookup refuses."""

    lookup_field = "code"
    lookup_value_regex = "[0-9.]+"


class EcommerceStandardViewSet(ScopedViewSet):
    """The E-Commerce Framework of Standards; the secretariat revises a standard with
    `POST .../revise/` (a new version and its date)."""

    @extend_schema(request=RevisionSerializer, responses={200: EcommerceStandardSerializer})
    @action(detail=True, methods=["post"])
    def revise(self, request, *args, **kwargs):
        standard = self.get_object()
        revision = RevisionSerializer(data=request.data)
        revision.is_valid(raise_exception=True)
        standard.revise(by=request.user, **revision.validated_data)
        return Response(self.get_serializer(standard).data)


# --- figures --------------------------------------------------------------------------------


class DayQuerySerializer(serializers.Serializer):
    at = serializers.DateField(
        required=False, help_text="The day (default: today).", validators=[within_platform_range]
    )
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False
    )


def day_and_region(request):
    query = DayQuerySerializer(
        data={k: v.upper() if k == "region" else v for k, v in request.query_params.items()}
    )
    query.is_valid(raise_exception=True)
    return query.validated_data.get("at") or date.today(), query.validated_data.get("region")


class ImplementationView(APIView):
    """The TFA implementation rate on a day (`?at=`, past or future), the WTO's way: overall,
    per region and per member (`?region=` narrows the members), with the schedule of what
    members have committed to implement after that day."""

    @extend_schema(
        parameters=[OpenApiParameter("at", date), OpenApiParameter("region", str)],
        responses=inline_serializer("TFAImplementation", {"rate": serializers.FloatField()}),
    )
    def get(self, request):
        day, region = day_and_region(request)
        by_member = services.implementation_by_member(day)
        regions, overall = services.implementation_by_region(by_member)
        members = {m: f for m, f in by_member.items() if region is None or m.region == region}
        return Response(
            {
                "at": day,
                "measures": TFAMeasure.objects.count(),
                "rate": overall.rate,
                "regions": [
                    {"region": r.code, "name": r.name, "rate": f.rate, "implemented": f.implemented}
                    for r, f in regions.items()
                ],
                "members": [
                    {
                        "member": m.code,
                        "name": m.name,
                        "region": m.region.code,
                        "implemented": f.implemented,
                        "rate": f.rate,
                    }
                    for m, f in members.items()
                ],
                "schedule": [
                    {"year": year, "measures": count}
                    for year, count in services.implementation_schedule(
                        day, list(members) if region else None
                    ).items()
                ],
            }
        )


class MeasureImplementationView(APIView):
    """For each TFA measure: how many members implement it on the day (`?at=`)."""

    @extend_schema(
        parameters=[OpenApiParameter("at", date)],
        responses=inline_serializer(
            "TFAMeasureImplementation",
            {"measure": serializers.CharField(), "members": serializers.IntegerField()},
            many=True,
        ),
    )
    def get(self, request):
        day, _ = day_and_region(request)
        return Response(
            [
                {"measure": m.code, "title": m.title, "members": count, "rate": share}
                for m, count, share in services.implementation_by_measure(day)
            ]
        )


class ReleaseTrendsView(APIView):
    """Each member's release time against its first study, per border mode (`?grew=true`: the
    members whose release times grew), and the median reduction."""

    @extend_schema(
        parameters=[
            OpenApiParameter("at", date),
            OpenApiParameter("region", str),
            OpenApiParameter("grew", bool),
        ],
        responses=inline_serializer(
            "ReleaseTrends", {"median_reduction": serializers.FloatField()}
        ),
    )
    def get(self, request):
        day, region = day_and_region(request)
        trends = services.release_trends(day)
        if region is not None:
            trends = [t for t in trends if t.member.region_id == region.pk]
        if request.query_params.get("grew", "").lower() in ("true", "1", "yes"):
            trends = [t for t in trends if t.grew]
        return Response(
            {
                "at": day,
                "median_reduction": services.median_release_time_reduction(day),
                "trends": [
                    {
                        "member": t.member.code,
                        "mode": t.mode,
                        "first_year": t.first_year,
                        "first_hours": t.first_hours,
                        "latest_year": t.latest_year,
                        "latest_hours": t.latest_hours,
                        "reduction": t.reduction,
                        "grew": t.grew,
                    }
                    for t in trends
                ],
            }
        )


class SummaryView(AreaSummaryView):
    """The facilitation figures of a period (default: this year to `end`)."""

    summary = staticmethod(report.summary)
    default_start = staticmethod(start_of_year)
