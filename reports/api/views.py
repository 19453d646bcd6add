import django_filters
from rest_framework import status
from rest_framework.response import Response

from core.api.viewsets import ScopedViewSet
from reports.api.serializers import ReportSerializer
from reports.choices import ReportStatus
from reports.models import Report
from reports.services import request_report


class ReportFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    period_start_after = django_filters.DateFilter(field_name="period_start", lookup_expr="gte")
    period_end_before = django_filters.DateFilter(field_name="period_end", lookup_expr="lte")

    class Meta:
        model = Report
        fields = ["status", "schedule", "sha256"]


class ReportViewSet(ScopedViewSet):
    """Transparency reports. `POST` asks for a report now (secretariat): 201 when queued, 200
    with the existing report when that period's report already exists."""

    queryset = Report.objects.select_related("schedule")
    serializer_class = ReportSerializer
    filterset_class = ReportFilterSet
    http_method_names = ["get", "post", "head", "options"]
    secretariat_writes_only = True

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        report, queued = request_report(
            data["schedule"], data["period_start"], data["period_end"], by=request.user
        )
        return Response(
            self.get_serializer(report).data,
            status=status.HTTP_201_CREATED if queued else status.HTTP_200_OK,
        )
