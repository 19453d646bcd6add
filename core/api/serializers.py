from rest_framework import serializers

from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.models import Commitment, Indicator, Measurement, Member, Region, StrategicArea


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
