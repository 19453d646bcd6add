from django.utils import timezone
from rest_framework import serializers

from reports.models import Report, ReportSchedule


class ReportSerializer(serializers.ModelSerializer):
    schedule = serializers.PrimaryKeyRelatedField(
        queryset=ReportSchedule.objects.filter(is_active=True), required=False
    )
    schedule_name = serializers.CharField(source="schedule.name", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "schedule",
            "schedule_name",
            "period_start",
            "period_end",
            "status",
            "sha256",
            "previous_sha256",
            "pages",
            "bytes",
            "download",
            "error",
            "attempts",
            "queued_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = [
            "status",
            "sha256",
            "previous_sha256",
            "pages",
            "bytes",
            "error",
            "attempts",
            "queued_at",
            "started_at",
            "finished_at",
        ]
        extra_kwargs = {"period_start": {"required": False}, "period_end": {"required": False}}
        validators = []

    def get_download(self, report) -> str | None:
        if not report.file:
            return None
        request = self.context.get("request")
        url = report.get_download_url()
        return request.build_absolute_uri(url) if request else url

    def validate(self, attrs):
        schedule = attrs.get("schedule") or ReportSchedule.objects.filter(is_active=True).first()
        if schedule is None:
            raise serializers.ValidationError({"schedule": "No active report schedule exists."})
        attrs["schedule"] = schedule
        if not attrs.get("period_start") or not attrs.get("period_end"):
            if attrs.get("period_start") or attrs.get("period_end"):
                raise serializers.ValidationError(
                    {"period_end": "Give both ends of the period, or neither for the last one."}
                )
            attrs["period_start"], attrs["period_end"] = schedule.last_complete_period()
        if attrs["period_end"] < attrs["period_start"]:
            raise serializers.ValidationError(
                {"period_end": "The period cannot end before it starts."}
            )
        if attrs["period_end"] > timezone.localdate():
            raise serializers.ValidationError(
                {"period_end": "A report covers a period that has ended."}
            )
        return attrs
