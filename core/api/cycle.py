"""The reporting cycle in the API: obligations, completeness, the review inbox, period locks
(docs/reporting-cycle.md)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import cycle, inbox, locks, registry
from core.api.pagination import PageNumberPagination
from core.choices import ObligationState, WorkflowStatus
from core.models import Member, PeriodLock
from core.roles import is_council, is_secretariat, member_ids_for


def register_choices():
    return [r.path for r in registry.registers()]


# --- obligations --------------------------------------------------------------------------------


class ObligationFilters(serializers.Serializer):
    member = serializers.CharField(required=False, help_text="A member's ISO alpha-3 code.")
    region = serializers.CharField(required=False, help_text="A region's code.")
    register = serializers.CharField(required=False, help_text="A register's identifier.")
    state = serializers.MultipleChoiceField(choices=ObligationState.choices, required=False)
    due_before = serializers.DateField(required=False)
    due_after = serializers.DateField(required=False)

    def validate_register(self, value):
        if value not in register_choices():
            raise serializers.ValidationError(f"There is no register {value!r}.")
        return value


class ObligationSerializer(serializers.Serializer):
    register = serializers.CharField(source="register.path")
    indicator = serializers.CharField(allow_null=True)
    subject = serializers.CharField(
        help_text="What the record is for, where a register expects one per subject: a TFA "
        "measure's code, a standard's number, an indicator's code; empty otherwise."
    )
    member = serializers.CharField(source="member.code")
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    due_on = serializers.DateField()
    state = serializers.ChoiceField(choices=ObligationState.choices)
    record = serializers.IntegerField(allow_null=True)
    locked = serializers.BooleanField()
    extended = serializers.BooleanField(help_text="The secretariat gave more time.")


def filtered_obligations(request, data):
    """The obligations the user may read, filtered."""
    user = request.user
    member_ids = None
    if data.get("member"):
        member = Member.objects.filter(code__iexact=data["member"]).first()
        if member is None:
            raise APIValidationError({"member": ["There is no such member."]})
        member_ids = [member.pk]
    if not is_secretariat(user):
        own = member_ids_for(user)
        if not own:
            raise PermissionDenied("Only member administrations and the secretariat read these.")
        if member_ids is not None and not set(member_ids) <= own:
            raise PermissionDenied("You read only your own administration's obligations.")
        member_ids = member_ids or sorted(own)
    paths = [data["register"]] if data.get("register") else None
    found = cycle.obligations(
        member_ids=member_ids, region=data.get("region"), register_paths=paths
    )
    states = data.get("state")
    return [
        o
        for o in found
        if (not states or o.state in states)
        and (data.get("due_before") is None or o.due_on <= data["due_before"])
        and (data.get("due_after") is None or o.due_on >= data["due_after"])
    ]


class ObligationsView(APIView):
    """What is due from member administrations: one row per record owed, with its due date and
    state. A member's user reads its own administration's; the secretariat everyone's."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[ObligationFilters], responses={200: ObligationSerializer(many=True)})
    def get(self, request):
        filters = ObligationFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        found = filtered_obligations(request, filters.validated_data)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response(ObligationSerializer(page, many=True).data)


# --- completeness -------------------------------------------------------------------------------


class CompletenessFilters(serializers.Serializer):
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    region = serializers.CharField(required=False)
    register = serializers.CharField(required=False)

    def validate_register(self, value):
        if value not in register_choices():
            raise serializers.ValidationError(f"There is no register {value!r}.")
        return value

    def validate(self, attrs):
        start, end = attrs.get("period_start"), attrs.get("period_end")
        if start and end and end < start:
            raise serializers.ValidationError({"period_end": "The period ends before it starts."})
        return attrs


def within(obligation, start, end):
    """An obligation counts in a period when its own period lies inside it; one without a period
    (a register reported once) when it is due by the period's end."""
    if obligation.period_start is None:
        return end is None or obligation.due_on <= end
    return (start is None or obligation.period_start >= start) and (
        end is None or obligation.period_end <= end
    )


def completeness_for(data):
    paths = [data["register"]] if data.get("register") else None
    found = cycle.obligations(region=data.get("region"), register_paths=paths)
    start, end = data.get("period_start"), data.get("period_end")
    return cycle.completeness([o for o in found if within(o, start, end)])


class CompletenessView(APIView):
    """How complete members' reporting is: the share of the records owed that are published,
    overall, per register and per member. Records answered "not applicable" are not owed."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[CompletenessFilters],
        responses={
            200: inline_serializer(
                "Completeness",
                {
                    "overall": serializers.FloatField(allow_null=True),
                    "registers": inline_serializer(
                        "RegisterCompleteness",
                        {
                            "register": serializers.CharField(),
                            "expected": serializers.IntegerField(),
                            "submitted": serializers.IntegerField(),
                            "done": serializers.IntegerField(),
                            "rate": serializers.FloatField(allow_null=True),
                        },
                        many=True,
                    ),
                    "members": inline_serializer(
                        "MemberCompleteness",
                        {
                            "member": serializers.CharField(),
                            "expected": serializers.IntegerField(),
                            "done": serializers.IntegerField(),
                            "rate": serializers.FloatField(allow_null=True),
                        },
                        many=True,
                    ),
                },
            )
        },
    )
    def get(self, request):
        if not (is_secretariat(request.user) or is_council(request.user)):
            raise PermissionDenied("Completeness is read by the secretariat and the council.")
        filters = CompletenessFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return Response(completeness_for(filters.validated_data))


# --- the review inbox ---------------------------------------------------------------------------


class InboxFilters(serializers.Serializer):
    register = serializers.CharField(required=False)
    area = serializers.ChoiceField(choices=[*registry.AREA_CODES, "core"], required=False)
    member = serializers.CharField(required=False)
    region = serializers.CharField(required=False)
    status = serializers.ChoiceField(
        choices=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED], required=False
    )
    flagged = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate_register(self, value):
        if value not in [r.path for r in inbox.review_registers()]:
            raise serializers.ValidationError(f"No register {value!r} comes for review.")
        return value


class InboxItemSerializer(serializers.Serializer):
    register = serializers.CharField(source="register.path")
    id = serializers.IntegerField()
    member = serializers.CharField(source="member.code", allow_null=True, default=None)
    title = serializers.CharField()
    status = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    flags = serializers.ListField(child=serializers.DictField())


def inbox_page(request, data, paginator, view=None):
    rows = inbox.waiting(
        request.user,
        area=data.get("area"),
        register_path=data.get("register"),
        member=data.get("member"),
        region=data.get("region"),
        status=data.get("status"),
        flagged=data.get("flagged"),
    )
    page = paginator.paginate_queryset(rows if rows is not None else [], request, view=view)
    return inbox.items_of(list(page))


class InboxView(APIView):
    """Every record awaiting the secretariat (submitted or validated), all registers together,
    the oldest first, with the data-quality flags raised on each."""

    @extend_schema(parameters=[InboxFilters], responses={200: InboxItemSerializer(many=True)})
    def get(self, request):
        if not is_secretariat(request.user):
            raise PermissionDenied("The review inbox is the secretariat's.")
        filters = InboxFilters(data=request.query_params)
        filters.is_valid(raise_exception=True)
        paginator = PageNumberPagination()
        items = inbox_page(request, filters.validated_data, paginator, view=self)
        return paginator.get_paginated_response(InboxItemSerializer(items, many=True).data)


class InboxItemReference(serializers.Serializer):
    register = serializers.CharField()
    id = serializers.IntegerField()


class InboxTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(inbox.ACTIONS))
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    items = InboxItemReference(many=True, allow_empty=False)

    def validate_items(self, items):
        if len(items) > 1000:
            raise serializers.ValidationError("At most 1,000 items at once.")
        known = {r.path for r in inbox.review_registers()}
        for item in items:
            if item["register"] not in known:
                raise serializers.ValidationError(f"No register {item['register']!r} is reviewed.")
        return items


class InboxTransitionView(APIView):
    """Validate, publish or return (with a reason) many records at once, all or none: 409 names
    the first item whose state forbids the action, and nothing changes."""

    @extend_schema(
        request=InboxTransitionSerializer,
        responses={200: inline_serializer("InboxDone", {"done": serializers.IntegerField()})},
    )
    def post(self, request):
        if not is_secretariat(request.user):
            raise PermissionDenied("Only the secretariat reviews submissions.")
        payload = InboxTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            done = inbox.act_on(request.user, data["action"], data["items"], data["reason"])
        except LookupError as exc:
            raise NotFound(f"No record {exc.args[0]['id']} of {exc.args[0]['register']}.") from exc
        except inbox.InboxConflict as exc:
            return Response({"detail": str(exc), "item": exc.item}, status=status.HTTP_409_CONFLICT)
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc
        return Response({"done": len(done)})


# --- period locks -------------------------------------------------------------------------------


class PeriodLockSerializer(serializers.ModelSerializer):
    locked_by = serializers.CharField(source="created_by.username", read_only=True, default=None)
    locked_at = serializers.DateTimeField(source="created_at", read_only=True)
    unlocked_by = serializers.CharField(source="unlocked_by.username", read_only=True, default=None)
    register = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="A register's identifier; null (or absent) for every register.",
    )
    force = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Lock even while records of the period await review.",
    )

    class Meta:
        model = PeriodLock
        fields = [
            "id",
            "register",
            "period_start",
            "period_end",
            "reason",
            "locked_by",
            "locked_at",
            "unlocked_at",
            "unlocked_by",
            "unlock_reason",
            "force",
        ]
        read_only_fields = ["unlocked_at", "unlock_reason"]

    def validate_register(self, value):
        if value and value not in register_choices():
            raise serializers.ValidationError(f"There is no register {value!r}.")
        return value or ""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["register"] = instance.register or None
        return data


class UnlockSerializer(serializers.Serializer):
    reason = serializers.CharField()


class PeriodLockViewSet(viewsets.ModelViewSet):
    """Closed reporting periods. Everyone signed in reads them; the secretariat locks a period
    (one register's, or every register's) and unlocks it with a reason. While a period is
    locked, every write to its records is refused (409) for every role."""

    serializer_class = PeriodLockSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return PeriodLock.objects.for_user(self.request.user).select_related(
            "created_by", "unlocked_by"
        )

    def create(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied("Only the secretariat locks periods.")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            lock = locks.lock_period(
                data.get("register", ""),
                data["period_start"],
                data["period_end"],
                data["reason"],
                request.user,
                force=data.get("force", False),
            )
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc
        return Response(self.get_serializer(lock).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UnlockSerializer, responses={200: PeriodLockSerializer})
    @action(detail=True, methods=["post"])
    def unlock(self, request, *args, **kwargs):
        if not is_secretariat(request.user):
            raise PermissionDenied("Only the secretariat unlocks periods.")
        lock = self.get_object()
        payload = UnlockSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        lock.unlock(request.user, payload.validated_data["reason"])
        return Response(self.get_serializer(lock).data)

    @extend_schema(
        parameters=[OpenApiParameter("active", bool, description="Only locks in force.")]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def filter_queryset(self, queryset):
        active = self.request.query_params.get("active")
        if active in ("true", "1"):
            queryset = queryset.active()
        elif active in ("false", "0"):
            queryset = queryset.filter(unlocked_at__isnull=False)
        elif active is not None:
            raise APIValidationError({"active": ["Say true or false."]})
        return queryset
