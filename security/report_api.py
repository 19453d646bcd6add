"""The security summary for the API (`GET /api/v1/security/summary/`): the same figures as the
report's chapter (security/report.py). Kept apart from security/api/ so that the report's
author owns the figures and the API's author routes them."""

from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from core.dates import within_platform_range
from core.registry import Period
from security import report


class PeriodQuerySerializer(serializers.Serializer):
    start = serializers.DateField(required=False, validators=[within_platform_range])
    end = serializers.DateField(required=False, validators=[within_platform_range])

    def validate(self, attrs):
        end = attrs.get("end") or date.today()
        start = attrs.get("start") or date(end.year, 1, 1)
        if end < start:
            raise serializers.ValidationError({"end": "The period cannot end before it starts."})
        return Period(start, end)


class SummaryView(APIView):
    """The area's key figures for a period (default: this year to date): the same numbers as
    the report's chapter; restricted registers only as aggregates over five members or more."""

    @extend_schema(
        parameters=[OpenApiParameter("start", date), OpenApiParameter("end", date)],
        responses=inline_serializer("SecuritySummary", {"aeo": serializers.DictField()}),
    )
    def get(self, request):
        query = PeriodQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(report.summary(query.validated_data))
