from rest_framework import serializers

from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.models import (
    Commitment,
    DueDateExtension,
    Indicator,
    Measurement,
    Member,
    NotApplicableAnswer,
    Region,
    StrategicArea,
)


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name"]


class MemberSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Member
        fields = ["code", "name", "region", "region_name", "joined_on", "is_active"]


class StrategicAreaSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = StrategicArea
        fields = ["code", "title", "vision", "progress"]

    def get_progress(self, area) -> float:
        snapshot = self.context["snapshot"]
        return next((round(a.progress, 4) for a in snapshot.area_states if a.area.pk == area.pk), 0)


class CommitmentSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Commitment
        fields = [
            "code",
            "area",
            "title",
            "description",
            "lead_unit",
            "start",
            "target_date",
            "status",
            "progress",
        ]

    def get_status(self, commitment) -> str:
        return self.context["snapshot"].for_commitment(commitment).status

    def get_progress(self, commitment) -> float:
        return round(self.context["snapshot"].for_commitment(commitment).progress, 4)


class IndicatorSerializer(serializers.ModelSerializer):
    commitment = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "code",
            "commitment",
            "name",
            "unit",
            "direction",
            "scope",
            "aggregation",
            "source",
            "frequency",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "weight",
        ]


class MeasurementSerializer(ModelCleanSerializer):
    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    member = MemberCodeField(required=False, allow_null=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "indicator",
            "member",
            "period_start",
            "period_end",
            "value",
            "note",
            "status",
            "returned_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "returned_reason", "created_at", "updated_at"]
        # Uniqueness is checked by the model's clean(), with a clear field error.
        validators = []


class NotApplicableAnswerSerializer(ModelCleanSerializer):
    """A member's answer that a register does not apply to it: `register` is the register's
    identifier, `subject` what it reports for where a register expects one record per subject
    (a TFA measure's code), `period_start` the first day of the period (none for a register
    reported once)."""

    member = MemberCodeField(required=False)

    class Meta:
        model = NotApplicableAnswer
        fields = [
            "id",
            "member",
            "register",
            "subject",
            "period_start",
            "period_end",
            "reason",
            "status",
            "returned_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["period_end", "status", "returned_reason", "created_at", "updated_at"]
        validators = []


class DueDateExtensionSerializer(ModelCleanSerializer):
    """More time the secretariat gives a member for one obligation."""

    member = MemberCodeField()

    class Meta:
        model = DueDateExtension
        fields = [
            "id",
            "member",
            "register",
            "subject",
            "period_start",
            "due_on",
            "reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        validators = []
