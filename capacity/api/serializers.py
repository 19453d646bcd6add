from datetime import date

from rest_framework import serializers

from capacity.models import (
    SDG,
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.models import Commitment, StrategicArea
from core.querysets import CHANGE

STAMPS = ["created_at", "updated_at"]
WORKFLOW_FIELDS = ["status", "returned_reason", "published_at", *STAMPS]


class DonorSerializer(ModelCleanSerializer):
    class Meta:
        model = Donor
        fields = ["id", "name", "kind", "country", "organisation", "website"]


class SDGSerializer(ModelCleanSerializer):
    class Meta:
        model = SDG
        fields = ["number", "title"]


class InstrumentSerializer(ModelCleanSerializer):
    class Meta:
        model = Instrument
        fields = ["code", "title", "kind"]


class ProjectSerializer(ModelCleanSerializer):
    """`beneficiaries` are member codes, `commitments` commitment codes, `sdgs` goal numbers;
    `areas` (read-only) are the strategic areas of its commitments, `funders` the donors (ids)
    of its funding rows. An active project needs a beneficiary and a funder: create it in the
    pipeline, record its funding, then make it active."""

    beneficiaries = MemberCodeField(many=True, required=False)
    commitments = serializers.SlugRelatedField(
        slug_field="code", queryset=Commitment.objects.all(), many=True, required=False
    )
    sdgs = serializers.SlugRelatedField(
        slug_field="number", queryset=SDG.objects.all(), many=True, required=False
    )
    areas = serializers.SerializerMethodField()
    funders = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "title",
            "description",
            "beneficiaries",
            "commitments",
            "areas",
            "sdgs",
            "status",
            "start",
            "end",
            "currency",
            "budget",
            "strategic_plan",
            "not_aligned_reason",
            "funders",
            *STAMPS,
        ]
        read_only_fields = STAMPS

    def get_areas(self, project) -> list[str]:
        return sorted({c.area.code for c in project.commitments.all()})

    def get_funders(self, project) -> list[int]:
        return sorted({f.donor_id for f in project.fundings.all()})

    def create(self, validated_data):
        project = super().create(validated_data)
        project.check_resources()
        return project

    def update(self, instance, validated_data):
        project = super().update(instance, validated_data)
        project.check_resources()
        return project


class FundingSerializer(ModelCleanSerializer):
    """Amounts in the project's currency (`currency`, read from the project) and in euros; for
    a project in euros the euro amounts may be left out (they are the same)."""

    currency = serializers.CharField(read_only=True)
    committed_eur = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    disbursed_eur = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )

    class Meta:
        model = Funding
        fields = [
            "id",
            "project",
            "donor",
            "year",
            "committed",
            "disbursed",
            "currency",
            "committed_eur",
            "disbursed_eur",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        validators = []  # one per project, donor and year: clean() says so with a field error

    def validate(self, attrs):
        project = attrs.get("project") or getattr(self.instance, "project", None)
        if project is not None and project.currency == "EUR":
            for name in ("committed", "disbursed"):
                if name in attrs and f"{name}_eur" not in attrs:
                    attrs[f"{name}_eur"] = attrs[name]
        return super().validate(attrs)

    def update(self, instance, validated_data):
        previous = instance.project
        funding = super().update(instance, validated_data)
        if funding.project_id != previous.pk:
            # Moved to another project: the one it left may be an active one left unfunded.
            previous.check_resources()
        return funding


class DiagnosticMissionSerializer(ModelCleanSerializer):
    """`member` is set on creation and never changes (its recommendations repeat it)."""

    member = MemberCodeField()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            fields["member"].read_only = True
        return fields

    class Meta:
        model = DiagnosticMission
        fields = [
            "id",
            "member",
            "tool",
            "start",
            "end",
            "team_lead",
            "findings",
            "confidentiality",
            *STAMPS,
        ]
        read_only_fields = STAMPS


class ChangeableMissionField(serializers.PrimaryKeyRelatedField):
    """A diagnostic mission by id, among those the user may change: another id is "does not
    exist", so that no one attaches a recommendation to, or learns of, a mission it may not
    read or change."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return DiagnosticMission.objects.none()
        return DiagnosticMission.objects.for_user(request.user, CHANGE)


class RecommendationSerializer(ModelCleanSerializer):
    """`member` is the mission's (read-only); `area` is a strategic area's code. Members update
    `follow_up`, `done_on` and `follow_up_note` of their own; the secretariat the rest."""

    member = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", queryset=StrategicArea.objects.all())
    mission = ChangeableMissionField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "mission",
            "member",
            "text",
            "area",
            "priority",
            "owner",
            "due",
            "follow_up",
            "done_on",
            "follow_up_note",
            "overdue",
            *STAMPS,
        ]
        read_only_fields = STAMPS

    def get_overdue(self, recommendation) -> bool:
        return recommendation.is_overdue_on(self.context.get("today") or date.today())


class EvaluationSerializer(ModelCleanSerializer):
    mean_score = serializers.FloatField(read_only=True)

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "project",
            "evaluated_on",
            "evaluator",
            *Evaluation.CRITERIA,
            "mean_score",
            "evidence",
            "summary",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        validators = []


class InstrumentUptakeSerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    instrument = serializers.SlugRelatedField(slug_field="code", queryset=Instrument.objects.all())

    class Meta:
        model = InstrumentUptake
        fields = ["id", "member", "instrument", "uptake", "since", "note", *WORKFLOW_FIELDS]
        read_only_fields = WORKFLOW_FIELDS
        validators = []


class InstrumentReviewSerializer(ModelCleanSerializer):
    instrument = serializers.SlugRelatedField(slug_field="code", queryset=Instrument.objects.all())

    class Meta:
        model = InstrumentReview
        fields = [
            "id",
            "instrument",
            "reviewed_on",
            "relevance",
            "impact",
            "evidence",
            "reviewer",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        validators = []


class TrainingActivitySerializer(ModelCleanSerializer):
    member = MemberCodeField(required=False)
    area = serializers.SlugRelatedField(slug_field="code", queryset=StrategicArea.objects.all())
    commitment = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Commitment.objects.all(),
        required=False,
        allow_null=True,
    )
    project = serializers.SlugRelatedField(
        slug_field="code", queryset=Project.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = TrainingActivity
        fields = [
            "id",
            "member",
            "title",
            "area",
            "commitment",
            "project",
            "modality",
            "start",
            "end",
            "participants",
            "hours",
            *WORKFLOW_FIELDS,
        ]
        read_only_fields = WORKFLOW_FIELDS
        validators = []
