from copy import copy

from rest_framework import serializers

from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.choices import WorkflowStatus
from core.models import Member
from security.choices import AEOStatus
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SafePillar,
    SecurityStrategyRole,
)

REVIEW_FIELDS = ["returned_reason", "published_at", "created_at", "updated_at"]
WORKFLOW_FIELDS = ["status", *REVIEW_FIELDS]


class SafeEditionSerializer(ModelCleanSerializer):
    class Meta:
        model = SafeEdition
        fields = ["id", "year", "title", "published_on"]


class SafePillarSerializer(ModelCleanSerializer):
    class Meta:
        model = SafePillar
        fields = ["id", "number", "title"]


class SafeAdoptionSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    edition = serializers.SlugRelatedField(
        slug_field="year", queryset=SafeEdition.objects.all(), required=False, allow_null=True
    )
    pillars = serializers.SlugRelatedField(
        slug_field="number", queryset=SafePillar.objects.all(), many=True, required=False
    )

    class Meta:
        model = SafeAdoption
        fields = ["id", "member", "letter_of_intent_on", "edition", "pillars", *WORKFLOW_FIELDS]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class AEOProgrammeSerializer(ModelCleanSerializer):
    """`status` is the programme's status (contract values `none planned pilot operational`);
    `submission_status` is where the record stands in review."""

    member = MemberCodeField(required=False)
    status = serializers.ChoiceField(
        source="programme_status", choices=AEOStatus.choices, default=AEOStatus.NONE
    )
    submission_status = serializers.ChoiceField(
        source="status", choices=WorkflowStatus.choices, read_only=True
    )

    class Meta:
        model = AEOProgramme
        fields = [
            "id",
            "member",
            "status",
            "launched_on",
            "covers",
            "certified_operators",
            "counted_on",
            "submission_status",
            *REVIEW_FIELDS,
        ]
        read_only_fields = REVIEW_FIELDS
        validators = []


class AEOOperatorCountSerializer(ModelCleanSerializer):
    """Operators certified by a member's AEO programme in one `year` (at the year's end, or at
    the latest count of the year under way); one count per member and year."""

    member = MemberCodeField(required=False)

    class Meta:
        model = AEOOperatorCount
        fields = ["id", "member", "year", "certified_operators", "note", *WORKFLOW_FIELDS]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class SecurityStrategyRoleSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)

    class Meta:
        model = SecurityStrategyRole
        fields = [
            "id",
            "member",
            "involvement",
            "seat_on_security_body",
            "strategy_dated",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class CustomsUnionSerializer(ModelCleanSerializer):
    members = MemberCodeField(many=True, required=False)

    class Meta:
        model = CustomsUnion
        fields = ["id", "code", "name", "members", "aeo_operational"]


class PartyCodesField(serializers.ListField):
    """The parties as codes: members by ISO alpha-3 code, customs unions by theirs ("EU")."""

    child = serializers.CharField(max_length=6)

    def to_representation(self, recognition):
        return sorted(
            [m.code for m in recognition.members.all()]
            + [u.code for u in recognition.customs_unions.all()]
        )

    def to_internal_value(self, data):
        codes = [code.upper() for code in super().to_internal_value(data)]
        members = {m.code: m for m in Member.objects.filter(code__in=codes)}
        unions = {u.code: u for u in CustomsUnion.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in members and c not in unions]
        if unknown:
            raise serializers.ValidationError(f"Unknown parties: {', '.join(unknown)}.")
        return {
            "members": [members[c] for c in codes if c in members],
            "unions": [unions[c] for c in codes if c in unions],
        }


class MutualRecognitionSerializer(ModelCleanSerializer):
    parties = PartyCodesField(source="*")

    class Meta:
        model = MutualRecognition
        fields = ["id", "title", "parties", "status", "signed_on", "implemented_on", "ended_on"]

    def validate(self, attrs):
        # `parties` has source "*": its members and unions arrive among the other attributes.
        parties = (
            {"members": attrs.pop("members"), "unions": attrs.pop("unions")}
            if "members" in attrs
            else {
                "members": list(self.instance.members.all()),
                "unions": list(self.instance.customs_unions.all()),
            }
        )
        attrs = super().validate(attrs)
        # The rules on parties are the model's; they are checked on a copy, so a refused change
        # leaves the record as it was.
        candidate = copy(self.instance) if self.instance is not None else MutualRecognition()
        for key, value in attrs.items():
            setattr(candidate, key, value)
        attrs["party_key"] = candidate.check_parties(parties["members"], parties["unions"])
        attrs["_parties"] = parties
        return attrs

    def create(self, validated_data):
        parties = validated_data.pop("_parties")
        recognition = super().create(validated_data)
        recognition.members.set(parties["members"])
        recognition.customs_unions.set(parties["unions"])
        return recognition

    def update(self, instance, validated_data):
        parties = validated_data.pop("_parties")
        recognition = super().update(instance, validated_data)
        recognition.members.set(parties["members"])
        recognition.customs_unions.set(parties["unions"])
        return recognition


class PassengerDataReadinessSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)

    class Meta:
        model = PassengerDataReadiness
        fields = [
            "id",
            "member",
            "api_legal_basis",
            "pnr_legal_basis",
            "api_status",
            "pnr_status",
            "passenger_unit",
            "uses_api_pnr_guidelines",
            "uses_pnrgov",
            "interactive_api",
            "single_window",
            "go_live",
            "safeguards",
            "confidentiality",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class RiskManagementAssessmentSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    maturity = serializers.FloatField(read_only=True)

    class Meta:
        model = RiskManagementAssessment
        fields = [
            "id",
            "member",
            "assessed_on",
            *RiskManagementAssessment.DIMENSIONS,
            "maturity",
            "assessor",
            "confidentiality",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []
