"""The secretariat's review inbox: every record awaiting it (submitted or validated), all
registers together, oldest first, and one action on many of them, all or none
(docs/reporting-cycle.md).

The list is one SQL query (a UNION ALL of each register's waiting records, scoped to the user)
and its count; the page's records are then read register by register for their titles, members
and flags: a fixed number of queries whatever the inbox holds."""

from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce

from core import quality, registry
from core.choices import WorkflowStatus
from core.querysets import VIEW

AWAITING = [WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED]
ACTIONS = {"validate", "publish", "return"}


def review_registers(area=None, register_path=None):
    """The registers whose records come to the secretariat for review."""
    return [
        r
        for r in registry.registers()
        if r.has_workflow
        and r.writers == "members"
        and (area is None or r.area == area or (area == "core" and r.area is None))
        and (register_path is None or r.path == register_path)
    ]


@dataclass
class InboxItem:
    register: registry.Register
    id: int
    status: str
    submitted_at: object
    member: object = None
    title: str = ""
    record: object = None
    flags: list = field(default_factory=list)


def waiting(
    user, area=None, register_path=None, member=None, region=None, status=None, flagged=None
):
    """The union of every register's records awaiting review that `user` reads, as
    (register path, id, status, submitted at) rows: a queryset to count and slice."""
    from core.models import QualityFlag

    parts = []
    for declared in review_registers(area, register_path):
        records = declared.model.objects.for_user(user, VIEW).filter(
            status__in=[status] if status else AWAITING
        )
        if member or region:
            if not declared.member_scoped:
                continue
            if member:
                records = records.filter(member__code__iexact=member)
            if region:
                records = records.filter(member__region__code__iexact=region)
        flags = QualityFlag.objects.filter(register=declared.path).values("record_id")
        if flagged is True:
            records = records.filter(pk__in=flags)
        elif flagged is False:
            records = records.exclude(pk__in=flags)
        parts.append(
            records.order_by()
            .annotate(
                inbox_register=Value(declared.path, output_field=models.CharField()),
                submitted_at=Coalesce(F("status_changed_at"), F("updated_at")),
            )
            .values_list("inbox_register", "pk", "status", "submitted_at")
        )
    if not parts:
        return None
    first, *rest = parts
    return first.union(*rest, all=True).order_by("submitted_at", "inbox_register", "pk")


def items_of(rows):
    """The page's rows as inbox items, with their records, members and flags."""
    by_register = {}
    for path, pk, _, _ in rows:
        by_register.setdefault(path, []).append(pk)
    records, flags = {}, {}
    for path, pks in by_register.items():
        declared = registry.get_register(path)
        # What the record's name and the page show of it, fetched alongside.
        found = declared.base_queryset().filter(pk__in=pks)
        if declared.member_scoped:
            found = found.select_related("member__region")
        for record in found:
            records[(path, record.pk)] = record
        flags[path] = quality.flags_of(path, pks)
    items = []
    for path, pk, status, submitted_at in rows:
        record = records.get((path, pk))
        items.append(
            InboxItem(
                register=registry.get_register(path),
                id=pk,
                status=status,
                submitted_at=submitted_at,
                member=getattr(record, "member", None),
                title=str(record) if record is not None else "",
                record=record,
                flags=flags[path].get(pk, []),
            )
        )
    return items


class InboxConflict(Exception):
    """An item of a bulk action whose state (or the user's rights) forbids the action: nothing
    was changed."""

    def __init__(self, item, error):
        self.item = item
        self.error = error
        super().__init__(str(error))


def act_on(user, action, items, reason=""):
    """Apply `action` to every item ({"register", "id"}), all or none: the first item that
    cannot take it raises InboxConflict (an unknown item: LookupError), and nothing changes."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from core.models import WorkflowConflict

    if action not in ACTIONS:
        raise ValidationError({"action": f"Choose one of: {', '.join(sorted(ACTIONS))}."})
    if action == "return" and not (reason or "").strip():
        raise ValidationError({"reason": "Say why the submissions are returned."})
    done = []
    with transaction.atomic():
        for item in items:
            declared = registry.get_register(item["register"])
            if declared not in review_registers():
                raise LookupError(item)
            record = declared.model.objects.for_user(user, VIEW).filter(pk=item["id"]).first()
            if record is None:
                raise LookupError(item)
            try:
                record.transition(action, user, reason=reason)
            except (WorkflowConflict, PermissionDenied) as exc:
                raise InboxConflict(item, exc) from exc
            done.append(record)
    return done
