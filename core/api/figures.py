"""The areas' figures endpoints share one way to ask for a period and one summary view: the
figures a report chapter shows, served for any period (`?start=&end=`)."""

from datetime import date, timedelta

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.dates import within_platform_range
from core.registry import Period


def year_before(end):
    """The twelve months that end on `end`."""
    return end - timedelta(days=364)


def start_of_year(end):
    return date(end.year, 1, 1)


class PeriodQuerySerializer(serializers.Serializer):
    """`start` and `end` of a period: `end` is today when left out, `start` comes from the
    context's `default_start(end)` (a year before, unless the view says otherwise)."""

    start = serializers.DateField(required=False, validators=[within_platform_range])
    end = serializers.DateField(required=False, validators=[within_platform_range])

    def validate(self, attrs):
        end = attrs.get("end") or date.today()
        start = attrs.get("start") or self.context.get("default_start", year_before)(end)
        if end < start:
            raise serializers.ValidationError({"end": "The period cannot end before it starts."})
        return Period(start, end)


def period_from(request, default_start=year_before):
    query = PeriodQuerySerializer(
        data=request.query_params, context={"default_start": default_start}
    )
    query.is_valid(raise_exception=True)
    return query.validated_data


PERIOD_PARAMETERS = [
    OpenApiParameter("start", date, description="First day (default: see the endpoint)"),
    OpenApiParameter("end", date, description="Last day (default: today)"),
]


class AreaSummaryView(APIView):
    """An area's key figures for a period: the same dictionary as its report chapter. Subclasses
    name `summary` (function of a Period) and, if not a year before, `default_start`."""

    summary = None
    default_start = staticmethod(year_before)

    @extend_schema(parameters=PERIOD_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        period = period_from(request, type(self).default_start)
        return Response(type(self).summary(period))
