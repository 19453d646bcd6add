from rest_framework import serializers

from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.models import Commitment
from governance.models import (
    Attendance,
    Body,
    Consultation,
    ConsultationResponse,
    Decision,
    DecisionDocument,
    Mandate,
    Meeting,
    Position,
)

BODY = {"slug_field": "code", "queryset": Body.objects.all()}


class BodySerializer(ModelCleanSerializer):
    class Meta:
        model = Body
        fields = ["id", "code", "name", "description"]


class PositionSerializer(ModelCleanSerializer):
    body = serializers.SlugRelatedField(**BODY)

    class Meta:
        model = Position
        fields = ["id", "title", "body", "term_years", "max_terms", "higher_responsibility"]
        validators = []  # a title once per body: the model's clean() says so on `title`


class MandateSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False, allow_null=True)
    position_title = serializers.CharField(source="position.title", read_only=True)
    body = serializers.CharField(source="position.body.code", read_only=True)
    respects_term_limits = serializers.BooleanField(read_only=True)

    class Meta:
        model = Mandate
        fields = [
            "id",
            "position",
            "position_title",
            "body",
            "holder",
            "member",
            "start",
            "end",
            "term_number",
            "previous",
            "respects_term_limits",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["term_number", "previous", "created_at", "updated_at"]
        validators = []  # overlaps, including the same start, are refused by clean()


class DecisionDocumentSerializer(ModelCleanSerializer):
    class Meta:
        model = DecisionDocument
        fields = ["id", "decision", "title", "url"]


class DecisionSerializer(ModelCleanSerializer):
    body = serializers.SlugRelatedField(**BODY)
    commitments = serializers.SlugRelatedField(
        slug_field="code", queryset=Commitment.objects.all(), many=True, required=False
    )
    documents = DecisionDocumentSerializer(many=True, read_only=True)
    is_published = serializers.BooleanField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "meeting",
            "reference",
            "title",
            "summary",
            "decided_on",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "outcome",
            "commitments",
            "documents",
            "is_published",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["published_at", "created_at", "updated_at"]


class MeetingSerializer(ModelCleanSerializer):
    body = serializers.SlugRelatedField(**BODY)
    members_expected = serializers.IntegerField(read_only=True)
    members_present = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "title",
            "held_on",
            "ends_on",
            "location",
            "members_expected",
            "members_present",
        ]


class AttendanceSerializer(ModelCleanSerializer):
    member = MemberCodeField()

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "member", "presence"]
        validators = []  # one row per member and meeting: clean() says it with a field error


class ConsultationSerializer(ModelCleanSerializer):
    commitments = serializers.SlugRelatedField(
        slug_field="code", queryset=Commitment.objects.all(), many=True, required=False
    )
    responses_published = serializers.IntegerField(read_only=True)

    class Meta:
        model = Consultation
        fields = [
            "id",
            "reference",
            "title",
            "description",
            "opened_on",
            "closes_on",
            "commitments",
            "responses_published",
        ]


class ConsultationResponseSerializer(ModelCleanSerializer):
    consultation = serializers.SlugRelatedField(
        slug_field="reference", queryset=Consultation.objects.all()
    )
    member = MemberCodeField(required=False)

    class Meta:
        model = ConsultationResponse
        fields = [
            "id",
            "consultation",
            "member",
            "responded_on",
            "summary",
            "confidentiality",
            "status",
            "returned_reason",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "returned_reason",
            "published_at",
            "created_at",
            "updated_at",
        ]
        validators = []  # one response per member: clean() says it with a field error


class ParticipationSerializer(serializers.Serializer):
    meetings_expected = serializers.IntegerField()
    meetings_attended = serializers.IntegerField()
    meeting_rate = serializers.FloatField(allow_null=True)
    consultations = serializers.IntegerField()
    responses = serializers.IntegerField()
    response_rate = serializers.FloatField(allow_null=True)
    overall_rate = serializers.FloatField(allow_null=True)
