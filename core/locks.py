"""Period locks: once the secretariat closes a reporting period, no record of it changes
(created, changed, deleted, moved through the workflow, imported) until it is unlocked. The rule
is kept where every write passes, the records' `save()` and `delete()`, so it holds for every
role and every way in: the API, the pages, CSV imports and background jobs."""

from django.db import transaction

from core import registry
from core.choices import WorkflowStatus
from core.models import PeriodLock, WorkflowConflict

AWAITING_REVIEW = [WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED]


class PeriodLocked(WorkflowConflict):
    """A write into a locked period (HTTP 409 in the API), naming the lock."""

    def __init__(self, lock):
        self.lock = lock
        what = f"of {lock.register}" if lock.register else "of every register"
        super().__init__(
            f"The period {lock.period_start:%d %B %Y} to {lock.period_end:%d %B %Y} {what} is "
            f"locked ({lock.reason}): the secretariat must unlock it before any change."
        )


def lock_covering(declared, bounds):
    if bounds is None:
        return None
    return PeriodLock.objects.covering(declared.path, *bounds).order_by("pk").first()


def check_not_locked(record):
    """Refuse a write to a record whose period (as it is saved, or as it was) lies wholly inside
    an active lock. Registers without a period are never locked."""
    declared = registry.register_of(record)
    if declared is None or declared.period is None:
        return
    periods = [declared.period.bounds(record)]
    if record.pk is not None:
        stored = (
            type(record)._base_manager.filter(pk=record.pk).values(*declared.period.fields).first()
        )
        if stored is not None:
            periods.append(declared.period.bounds(type(record)(**stored)))
    for bounds in periods:
        lock = lock_covering(declared, bounds)
        if lock is not None:
            raise PeriodLocked(lock)


def awaiting_review(register_path, start, end):
    """How many records of the period (of a register, or of all) await the secretariat."""
    total = 0
    for declared in registry.registers(members_report=True):
        if declared.period is None or not declared.has_workflow:
            continue
        if register_path and declared.path != register_path:
            continue
        total += (
            declared.model.objects.filter(declared.period.within(start, end))
            .filter(status__in=AWAITING_REVIEW)
            .count()
        )
    return total


def lock_period(register_path, start, end, reason, by, force=False):
    """Lock a period (of one register, or of every register when `register_path` is empty).
    Refused while records of the period await review, unless forced."""
    lock = PeriodLock(
        register=register_path or "", period_start=start, period_end=end, reason=reason
    )
    lock.full_clean()
    waiting = awaiting_review(register_path, start, end)
    if waiting and not force:
        raise WorkflowConflict(
            f"{waiting} record(s) of this period await review: validate or return them first, "
            "or lock anyway (force)."
        )
    with transaction.atomic():
        lock.stamp(by)
        lock.save()
    return lock
