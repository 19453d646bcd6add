"""A safety net for superusers; the secretariat works in the platform's own pages."""

from django.contrib import admin
from guardian.admin import GuardedModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.models import Commitment, Indicator, Measurement, Member, Milestone, Region, StrategicArea


@admin.register(Region)
class RegionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name"]


@admin.register(Member)
class MemberAdmin(GuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["code", "name", "region", "joined_on", "is_active"]
    list_filter = ["region", "is_active"]
    list_select_related = ["region"]
    search_fields = ["code", "name"]
    raw_id_fields = ["group"]


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(StrategicArea)
class StrategicAreaAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "position", "weight"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "area", "start", "target_date"]
    list_select_related = ["area"]
    inlines = [MilestoneInline]


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = [
        "code",
        "name",
        "commitment",
        "scope",
        "direction",
        "baseline_value",
        "target_value",
    ]
    list_select_related = ["commitment"]
    list_filter = ["scope", "commitment__area"]


@admin.register(Measurement)
class MeasurementAdmin(SimpleHistoryAdmin):
    list_display = ["indicator", "member", "period_start", "value", "status"]
    list_select_related = ["indicator", "member"]
    list_filter = ["status", "indicator__commitment__area"]
    raw_id_fields = ["indicator", "member", "created_by", "updated_by"]
