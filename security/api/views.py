from datetime import date

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.figures import AreaSummaryView, start_of_year
from core.api.viewsets import ScopedViewSet
from security import report, services


class MutualRecognitionViewSet(ScopedViewSet):
    """Mutual recognition arrangements of AEO programmes (public); `parties` are member codes
    and customs unions' codes. `network/`: who recognises whom, with regions."""

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


class SummaryView(AreaSummaryView):
    """The security figures of a period (default: this year to `end`); restricted registers
    only as aggregates over five members or more."""

    summary = staticmethod(report.summary)
    default_start = staticmethod(start_of_year)
