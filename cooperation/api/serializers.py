from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from cooperation.choices import AgreementStatus
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.api.serializers_base import MemberCodeField, ModelCleanSerializer
from core.choices import WorkflowStatus
from core.models import Commitment, Member, Region
from core.roles import is_secretariat, member_ids_for

STAMPS = ["created_at", "updated_at"]
REVIEW_FIELDS = ["returned_reason", "published_at", *STAMPS]


class PartnerSerializer(ModelCleanSerializer):
    """Partners are public; their contact person is shown to signed-in users only."""

    CONTACT = ("contact_name", "contact_email")

    class Meta:
        model = Partner
        fields = ["id", "name", "acronym", "kind", "contact_name", "contact_email"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is not None and not request.user.is_authenticated:
            for field in self.CONTACT:
                data.pop(field, None)
        return data


class AgreementSerializer(ModelCleanSerializer):
    """`status` is where the agreement stands (contract values `negotiating signed in_force
    expired terminated`); `submission_status` where the record stands in review. `parties` are
    member codes, `partners` partner ids: at least two parties in all."""

    parties = MemberCodeField(many=True, required=False)
    partners = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Partner.objects.all(), required=False
    )
    status = serializers.ChoiceField(
        source="agreement_status",
        choices=AgreementStatus.choices,
        default=AgreementStatus.NEGOTIATING,
    )
    submission_status = serializers.ChoiceField(
        source="status", choices=WorkflowStatus.choices, read_only=True
    )
    expires_soon = serializers.BooleanField(
        read_only=True, help_text="In force, and its last day in force comes within 180 days."
    )

    class Meta:
        model = Agreement
        fields = [
            "id",
            "title",
            "kind",
            "parties",
            "partners",
            "status",
            "signed_on",
            "entry_into_force",
            "expires_on",
            "terminated_on",
            "expires_soon",
            "scope",
            "confidentiality",
            "allows_personal_data",
            "data_protection_clauses",
            "legal_basis",
            "safeguards",
            "submission_status",
            *REVIEW_FIELDS,
        ]
        read_only_fields = REVIEW_FIELDS

    def validate(self, attrs):
        members = attrs.get("parties")
        partners = attrs.get("partners")
        if self.instance is not None:
            members = list(self.instance.parties.all()) if members is None else members
            partners = list(self.instance.partners.all()) if partners is None else partners
        attrs = super().validate(attrs)
        # The model's rule on the parties (Agreement.check_parties), before anything is saved.
        target = self.instance if self.instance is not None else Agreement()
        attrs["parties"], attrs["partners"] = target.check_parties(members or [], partners or [])
        return attrs

    def create(self, validated_data):
        members, partners = validated_data.pop("parties"), validated_data.pop("partners")
        agreement = super().create(validated_data)
        agreement.set_parties(members, partners)
        return agreement

    def update(self, instance, validated_data):
        members, partners = validated_data.pop("parties"), validated_data.pop("partners")
        agreement = super().update(instance, validated_data)
        agreement.set_parties(members, partners)
        return agreement


class ReadableAgreementField(serializers.PrimaryKeyRelatedField):
    """An agreement by id, among those the user reads: another id is "does not exist", so that
    no one learns of an agreement it may not read."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Agreement.objects.none()
        return Agreement.objects.for_user(request.user)


class InformationExchangeSerializer(ModelCleanSerializer):
    """An exchange under an agreement: `sender` and `receiver` are member codes (a member user
    sending leaves `sender` out: it is its own member)."""

    agreement = ReadableAgreementField()
    sender = MemberCodeField(required=False)
    receiver = MemberCodeField()

    class Meta:
        model = InformationExchange
        fields = [
            "id",
            "agreement",
            "sender",
            "receiver",
            "reference",
            "date",
            "category",
            "classification",
            "personal_data",
            "legal_basis",
            "note",
            *STAMPS,
        ]
        read_only_fields = STAMPS
        # (sender, reference) is checked by the model's constraint; a clash is a 400 there.
        validators = []

    def validate(self, attrs):
        self.fill_sender(attrs)
        request = self.context.get("request")
        if request is not None:
            # Before any other rule: a reference clash must not tell of another member's
            # exchanges (403, not 400).
            try:
                InformationExchange.check_sender(request.user, attrs.get("sender"))
            except DjangoPermissionDenied as exc:
                raise PermissionDenied(str(exc)) from exc
        if self.instance is None and attrs.get("sender") is None:
            raise serializers.ValidationError({"sender": "Name the member that sent it."})
        attrs = super().validate(attrs)
        sender = attrs.get("sender", getattr(self.instance, "sender", None))
        reference = attrs.get("reference", getattr(self.instance, "reference", None))
        clash = InformationExchange.objects.filter(sender=sender, reference=reference)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if sender is not None and clash.exists():
            raise serializers.ValidationError(
                {"reference": f"{sender.code} has an exchange with this reference."}
            )
        return attrs

    def fill_sender(self, attrs):
        """A member user recording an exchange without naming the sender sends it itself."""
        request = self.context.get("request")
        if request is None or attrs.get("sender") is not None or self.instance is not None:
            return
        own = member_ids_for(request.user)
        if not is_secretariat(request.user) and len(own) == 1:
            attrs["sender"] = Member.objects.get(pk=next(iter(own)))


class FollowUpActionSerializer(ModelCleanSerializer):
    done_on_time = serializers.BooleanField(read_only=True)

    class Meta:
        model = FollowUpAction
        fields = ["id", "dialogue", "action", "owner", "due", "status", "done_on", "done_on_time"]


class StakeholderDialogueSerializer(ModelCleanSerializer):
    partners = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Partner.objects.all(), required=False
    )
    members = MemberCodeField(many=True, required=False)
    follow_up_actions = FollowUpActionSerializer(many=True, read_only=True)

    class Meta:
        model = StakeholderDialogue
        fields = [
            "id",
            "kind",
            "title",
            "held_on",
            "partners",
            "members",
            "outcomes",
            "follow_up_actions",
        ]


class OutreachActionSerializer(ModelCleanSerializer):
    region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True
    )
    members = MemberCodeField(many=True, required=False)
    commitments = serializers.SlugRelatedField(
        slug_field="code", queryset=Commitment.objects.all(), many=True, required=False
    )

    class Meta:
        model = OutreachAction
        fields = [
            "id",
            "kind",
            "title",
            "forum",
            "audience",
            "held_on",
            "region",
            "members",
            "outcome",
            "commitments",
        ]


class ExchangeCountsSerializer(serializers.Serializer):
    """Aggregate counts of information exchanges: never an exchange's details."""

    period_start = serializers.DateField()
    period_end = serializers.DateField()
    total = serializers.IntegerField()
    by_year = serializers.ListField(child=serializers.DictField(child=serializers.IntegerField()))
    by_category = serializers.DictField(child=serializers.IntegerField())
    personal_data = serializers.DictField(child=serializers.IntegerField())
