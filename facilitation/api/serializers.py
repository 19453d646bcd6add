from rest_framework import serializers

from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.models import Commitment
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)

WORKFLOW_FIELDS = ["status", "returned_reason", "published_at", "created_at", "updated_at"]


class TFAMeasureSerializer(ModelCleanSerializer):
    class Meta:
        model = TFAMeasure
        fields = ["code", "article", "title"]


class TFANotificationSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    measure = serializers.SlugRelatedField(slug_field="code", queryset=TFAMeasure.objects.all())
    effective_date = serializers.DateField(read_only=True)

    class Meta:
        model = TFANotification
        fields = [
            "id",
            "member",
            "measure",
            "category",
            "indicative_date",
            "definitive_date",
            "implemented_on",
            "assistance_needed",
            "effective_date",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []  # one per member and measure: clean() says so with a field error


class ReleaseTimeStudySerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)

    class Meta:
        model = ReleaseTimeStudy
        fields = [
            "id",
            "member",
            "year",
            "mode",
            "average_release_hours",
            "sample_size",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class EcommerceStandardSerializer(ModelCleanSerializer):
    class Meta:
        model = EcommerceStandard
        fields = ["id", "number", "principle", "title", "since", "version", "revised_on"]
        read_only_fields = ["version", "revised_on"]


class RevisionSerializer(serializers.Serializer):
    revised_on = serializers.DateField()
    title = serializers.CharField(required=False, max_length=200)


class EcommerceAdoptionSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    standard = serializers.SlugRelatedField(
        slug_field="number", queryset=EcommerceStandard.objects.all()
    )
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = EcommerceAdoption
        fields = [
            "id",
            "member",
            "standard",
            "version",
            "is_current",
            "adoption_status",
            "planned_on",
            "adopted_on",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class JointActivitySerializer(ModelCleanSerializer):
    commitment = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Commitment.objects.all(),
        required=False,
        allow_null=True,
        help_text="The commitment served (TF-2 if left out).",
    )

    class Meta:
        model = JointActivity
        fields = ["id", "held_on", "partner", "kind", "title", "outcome", "commitment"]


class RevenueReportSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    ecommerce_share = serializers.DecimalField(
        max_digits=5, decimal_places=1, read_only=True, allow_null=True
    )

    class Meta:
        model = RevenueReport
        fields = [
            "id",
            "member",
            "year",
            "currency",
            "total_revenue",
            "ecommerce_revenue",
            "ecommerce_share",
            "confidentiality",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []
