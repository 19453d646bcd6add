"""The base viewset every register's API is built on.

It scopes the queryset with `for_user()` so no endpoint can forget it, fills and checks the
member on writes, stamps who made the change, accepts a JSON list to create all or none, and
serves each record's audit history at `<record>/history/`.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response

from core.api.csv import CsvRoundTripMixin
from core.audit import history_for
from core.grants import grant, may_share, revoke
from core.grants import grants as grants_of
from core.models import Member, WorkflowConflict
from core.querysets import CHANGE, VIEW
from core.roles import is_secretariat, member_ids_for


class TooManyItems(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Send at most 1,000 records in one list; split it into several requests."
    default_code = "too_many_items"


class HistoryEntrySerializer(serializers.Serializer):
    history_id = serializers.IntegerField()
    date = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True)
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    changes = serializers.ListField(child=serializers.DictField())


class WorkflowActionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, help_text="Why a submission is returned.")


class ScopedViewSet(viewsets.ModelViewSet):
    """The API of a register: its records, serializer and filters come from its declaration
    (`register`, set by `core.api.routers`), or from the class's own `queryset`,
    `serializer_class` and `filterset_class`; scoping comes from here, always."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    register = None

    def get_queryset(self):
        if self.queryset is not None:
            queryset = self.queryset.all()
        else:
            queryset = self.register.base_queryset()
        return queryset.for_user(self.request.user, VIEW)

    def get_serializer_class(self):
        if self.serializer_class is None and self.register is not None:
            return self.register.serializer
        return super().get_serializer_class()

    @property
    def filterset_class(self):
        return self.register.filterset if self.register is not None else None

    @property
    def secretariat_writes_only(self):
        return self.register is not None and self.register.writers == "secretariat"

    # --- writes -----------------------------------------------------------------------------
    #
    # Who may write is decided before what is written is validated: a member's write in another
    # member's name is 403 whatever the body, and no validation message (a uniqueness error)
    # ever speaks of a record the user may not read.

    MAX_ITEMS = 1000

    def check_member(self, member):
        """A member user writes only for its own member: another member's code is 403."""
        user = self.request.user
        if (
            member is not None
            and not is_secretariat(user)
            and member.pk not in member_ids_for(user)
        ):
            raise PermissionDenied("You may only submit data for your own member administration.")

    def own_codes(self):
        """The codes of the members the user acts for (one query, once a request)."""
        if not hasattr(self, "_own_codes"):
            self._own_codes = set(
                Member.objects.filter(pk__in=member_ids_for(self.request.user)).values_list(
                    "code", flat=True
                )
            )
        return self._own_codes

    def check_item(self, item):
        """Refuse, before validating it, an item written in another member's name: its
        `member` names a member the user does not act for (a register of several parties says
        how its parties are named)."""
        code = item.get("member") if isinstance(item, dict) else None
        # Another member's code is 403 (the member list is public); a code of no member, 400.
        if (
            isinstance(code, str)
            and code.strip().upper() not in self.own_codes()
            and Member.objects.filter(code__iexact=code.strip()).exists()
        ):
            raise PermissionDenied("You may only submit data for your own member administration.")

    def check_items(self, data):
        if is_secretariat(self.request.user):
            return
        for item in data if isinstance(data, list) else [data]:
            self.check_item(item)

    def get_serializer(self, *args, **kwargs):
        if isinstance(kwargs.get("data"), list):
            kwargs["many"] = True
        return super().get_serializer(*args, **kwargs)

    def create(self, request, *args, **kwargs):
        # One transaction per request (ATOMIC_REQUESTS): a list is created all or none.
        if isinstance(request.data, list) and len(request.data) > self.MAX_ITEMS:
            raise TooManyItems()
        self.check_items(request.data)
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        # The record first (404 out of sight, 403 in sight but not the user's to change), then
        # whether its state lets it change (409), then the body's names, then its validation.
        self.check_editable(self.get_object())
        self.check_items(request.data)
        return super().update(request, *args, **kwargs)

    def get_object(self):
        # Found once a request: `update` looks before DRF does.
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def perform_create(self, serializer):
        user = self.request.user
        items = serializer.validated_data
        for attrs in items if isinstance(items, list) else [items]:
            self.check_member(attrs.get("member"))
        instances = serializer.save(created_by=user, updated_by=user)
        self.recheck_scope(instances)

    def perform_update(self, serializer):
        self.check_editable(serializer.instance)
        if "member" in serializer.validated_data:
            self.check_member(serializer.validated_data["member"])
        instance = serializer.save(updated_by=self.request.user)
        self.recheck_scope(instance)

    def perform_destroy(self, instance):
        self.check_editable(instance)
        instance.delete()

    def check_editable(self, instance):
        """Workflow records change only in the states their rules allow (409 otherwise)."""
        if hasattr(instance, "is_editable_by") and not instance.is_editable_by(self.request.user):
            raise WorkflowConflict(
                f"A {instance.get_status_display().lower()} record cannot be changed."
            )

    def recheck_scope(self, instances):
        """After saving, the records must still be ones the user may change (NetBox's re-check)."""
        instances = instances if isinstance(instances, list) else [instances]
        model = self.get_queryset().model
        pks = [i.pk for i in instances]
        allowed = model.objects.for_user(self.request.user, CHANGE).filter(pk__in=pks).count()
        if allowed != len(pks):
            transaction.set_rollback(True)
            raise PermissionDenied("That change would put the record outside what you may change.")

    # --- audit --------------------------------------------------------------------------------

    @extend_schema(responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request, *args, **kwargs):
        record = self.get_object()
        entries = history_for(record, request.user)
        return Response(HistoryEntrySerializer(entries, many=True).data)


class ReadOnlyScopedViewSet(ScopedViewSet):
    http_method_names = ["get", "head", "options"]


def workflow_action(name, attribute=None):
    """A workflow action endpoint (`submit/`, `validate/`, `publish/`, `return/`); `attribute`
    is the viewset attribute it is bound to, when that differs from the action's name."""

    def handler(self, request, *args, **kwargs):
        record = self.get_object()
        reason = request.data.get("reason", "") if hasattr(request.data, "get") else ""
        record.transition(name, request.user, reason=reason)
        return Response(self.get_serializer(record).data, status=status.HTTP_200_OK)

    handler.__name__ = attribute or name
    handler = extend_schema(request=WorkflowActionSerializer)(handler)
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(handler)


class WorkflowActionsMixin:
    """The submission workflow's actions: `POST .../submit/`, `.../validate/`,
    `.../publish/`, `.../return/`."""

    submit = workflow_action("submit")
    validate = workflow_action("validate")
    publish = workflow_action("publish")
    return_to_member = workflow_action("return", "return_to_member")


class MemberSubmissionViewSet(WorkflowActionsMixin, CsvRoundTripMixin, ScopedViewSet):
    """A register members report into: their own records, the workflow, bulk and CSV (declare
    `csv_natural_key`)."""


class GrantSerializer(serializers.Serializer):
    """Whom a record is shared with: a member administration (restricted records) or a named
    secretariat user (confidential records): one of the two."""

    member = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Member.objects.all(),
        required=False,
        help_text="The member administration granted (or no longer granted) to read the record.",
    )
    staff = serializers.SlugRelatedField(
        slug_field="username",
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        help_text="The secretariat user named (or no longer named) to read a confidential record.",
    )

    def validate(self, attrs):
        if ("member" in attrs) == ("staff" in attrs):
            raise serializers.ValidationError("Name either a `member` or secretariat `staff`.")
        return attrs


class ReadGrantsMixin:
    """Sharing a restricted or confidential record: the record's own member, or the secretariat
    (which reaches a confidential record only when named on it), lets another member or named
    secretariat staff read it (`POST .../grant/`), withdraws that (`POST .../revoke/`), and lists
    who may (`GET .../grants/`); rules in `core.grants`."""

    def _shared(self, request, change):
        record = self.get_object()
        if not may_share(request.user, record):
            raise PermissionDenied("Only the record's member and the secretariat share it.")
        if change is not None:
            serializer = GrantSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            change(record, **serializer.validated_data)
        return Response(grants_of(record))

    @extend_schema(request=GrantSerializer, responses={200: GrantSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def grant(self, request, *args, **kwargs):
        return self._shared(request, grant)

    @extend_schema(request=GrantSerializer, responses={200: GrantSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def revoke(self, request, *args, **kwargs):
        return self._shared(request, revoke)

    @extend_schema(responses={200: GrantSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def grants(self, request, *args, **kwargs):
        return self._shared(request, None)
