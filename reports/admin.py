from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from reports.models import Report, ReportSchedule


@admin.register(ReportSchedule)
class ReportScheduleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "cadence", "scope", "audience", "is_active"]


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ["schedule", "period_start", "period_end", "status", "pages", "bytes"]
    list_select_related = ["schedule"]
    list_filter = ["status", "schedule"]
    readonly_fields = ["sha256", "previous_sha256", "pages", "bytes", "error", "attempts"]
