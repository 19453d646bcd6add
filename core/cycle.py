"""The reporting cycle: what each member administration owes each register, by when, and where
it stands (docs/reporting-cycle.md).

An *obligation* is one record a member is expected to report: one per period of a register
reported quarterly or annually (measurements: per indicator measured per member, at the
indicator's own frequency), one per member of a register reported once (or per subject: a TFA
notification per measure), nothing for registers that record what happens. Members are expected
from the period in which they joined, and from the start of the cycle
(`REPORTING_CYCLE_START`). A record is due `due_days` after its period ends (a register reported
once: after the cycle's start or the member's joining), unless the secretariat extended it.

Obligations are computed, never stored: from the registry's declarations, the active members,
each register's records (one query a register), the not-applicable answers, the extensions and
the locks (one query each): a fixed number of queries whatever the number of members, periods
and records.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q

from core import registry
from core.choices import ObligationState, WorkflowStatus
from core.periods import period_containing, periods_between

SUBMITTED = {WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED}
ACCEPTED = {WorkflowStatus.VALIDATED, WorkflowStatus.PUBLISHED}


def cycle_start():
    return date.fromisoformat(settings.REPORTING_CYCLE_START)


@dataclass
class Obligation:
    """One record a member owes a register."""

    register: registry.Register
    member: object
    subject: str
    period_start: date | None
    period_end: date | None
    due_on: date
    state: str = ObligationState.OPEN
    record: int | None = None
    locked: bool = False
    extended: bool = False
    not_applicable: int | None = None

    @property
    def key(self):
        return (self.register.path, self.member.pk, self.subject, self.period_start)

    @property
    def state_label(self):
        return ObligationState(self.state).label

    @property
    def indicator(self):
        """The indicator's code, for a measurement's obligation (the contract's `indicator`)."""
        return self.subject if self.register.path == "core/measurements" else None


def subjects_of(declared):
    """(subject id or None, its code on the wire, its frequency) for what members report."""
    found = declared.subjects()
    if found is None:
        return [(None, "", declared.frequency)]
    fields = ["pk", declared.subject_key] + (
        [declared.subject_frequency] if declared.subject_frequency else []
    )
    rows = found.order_by(declared.subject_key).values_list(*fields)
    return [
        (row[0], str(row[1]), row[2] if declared.subject_frequency else declared.frequency)
        for row in rows
    ]


def period_key(declared, value, frequency):
    """The start of the period a record's period field value falls in."""
    if value is None:
        return None
    if declared.period.kind == registry.PeriodField.YEAR:
        return date(value, 1, 1)
    return period_containing(value, frequency)[0]


def latest_records(declared, member_ids, subjects):
    """{(member id, subject code, period start): (newest record's id, its status)}: one query."""
    fields = ["pk", "member_id", "status"]
    if declared.expected_per:
        fields.append(f"{declared.expected_per}_id")
    if declared.period is not None:
        fields.append(declared.period.start)
    records = declared.model.objects.filter(member_id__isnull=False)
    if member_ids is not None:
        records = records.filter(member_id__in=member_ids)
    if declared.expected_per:
        records = records.filter(**{f"{declared.expected_per}_id__in": list(subjects)})
    latest = {}
    for row in records.order_by("pk").values_list(*fields):
        pk, member_id, status = row[:3]
        rest = list(row[3:])
        subject_code, frequency = "", declared.frequency
        if declared.expected_per:
            subject_code, frequency = subjects[rest.pop(0)]
        start = period_key(declared, rest[0], frequency) if declared.period is not None else None
        latest[(member_id, subject_code, start)] = (pk, status)
    return latest


def expected_members(member_ids=None, region=None):
    from core.models import Member

    members = Member.objects.filter(is_active=True).select_related("region").order_by("code")
    if member_ids is not None:
        members = members.filter(pk__in=member_ids)
    if region:
        members = members.filter(region__code__iexact=region)
    return list(members)


def obligations(
    today=None, member_ids=None, region=None, register_paths=None, include_future=False
):
    """Every obligation of the members (all active ones, or those of `member_ids` / of a
    region) to the registers (all that expect records, or those of `register_paths`), with its
    state on `today`. Periods run from the cycle's start to the one containing `today` (the
    one under way is open until its due date)."""
    from core.models import DueDateExtension, NotApplicableAnswer, PeriodLock

    today = today or date.today()
    start = cycle_start()
    declared_registers = [
        r
        for r in registry.registers()
        if r.expects_records and (register_paths is None or r.path in register_paths)
    ]
    members = expected_members(member_ids, region)
    ids = [m.pk for m in members] if (member_ids is not None or region) else None
    paths = [r.path for r in declared_registers]

    answers = {}
    for answer in NotApplicableAnswer.objects.filter(register__in=paths).exclude(
        status__in=[WorkflowStatus.DRAFT, WorkflowStatus.RETURNED]
    ):
        answers[(answer.register, answer.member_id, answer.subject, answer.period_start)] = answer
    extensions = {
        (e.register, e.member_id, e.subject, e.period_start): e.due_on
        for e in DueDateExtension.objects.filter(register__in=paths)
    }
    locks = list(PeriodLock.objects.active().filter(Q(register="") | Q(register__in=paths)))

    found = []
    for declared in declared_registers:
        subjects = subjects_of(declared)
        by_id = {pk: (code, frequency) for pk, code, frequency in subjects}
        records = latest_records(declared, ids, by_id)
        for member in members:
            first = max(start, member.joined_on or start)
            for _, code, frequency in subjects:
                if declared.period is None:
                    spans = [(None, None, first + timedelta(days=declared.due_days))]
                else:
                    spans = [
                        (p_start, p_end, p_end + timedelta(days=declared.due_days))
                        for p_start, p_end in periods_between(frequency, first, today)
                        if include_future or p_start <= today
                    ]
                for p_start, p_end, due_on in spans:
                    obligation = Obligation(declared, member, code, p_start, p_end, due_on)
                    key = obligation.key
                    if key in extensions:
                        obligation.due_on = extensions[key]
                        obligation.extended = True
                    record = records.get((member.pk, code, p_start))
                    answer = answers.get(key)
                    obligation.state = state_of(record, answer, obligation.due_on, today)
                    obligation.record = record[0] if record else None
                    obligation.not_applicable = answer.pk if answer else None
                    obligation.locked = p_start is not None and any(
                        lock.register in ("", declared.path)
                        and lock.period_start <= p_start
                        and lock.period_end >= p_end
                        for lock in locks
                    )
                    found.append(obligation)
    found.sort(key=lambda o: (o.due_on, o.register.path, o.member.code, o.subject, o.period_start))
    return found


def state_of(record, answer, due_on, today):
    """An obligation's state from its newest record and the member's not-applicable answer."""
    if answer is not None and answer.status in ACCEPTED:
        return ObligationState.NOT_APPLICABLE
    status = record[1] if record else None
    if status == WorkflowStatus.PUBLISHED:
        return ObligationState.DONE
    if status in SUBMITTED:
        return ObligationState.SUBMITTED
    if status == WorkflowStatus.RETURNED:
        return ObligationState.RETURNED
    if answer is not None and answer.status in SUBMITTED:
        return ObligationState.SUBMITTED
    return ObligationState.OPEN if today <= due_on else ObligationState.OVERDUE


def check_obligation(answer):
    """The field errors of an answer about an obligation (a not-applicable answer, a due-date
    extension) that names no obligation the cycle expects, or one answered already."""
    errors = check_answer(answer)
    if not errors and answer.member_id:
        twin = (
            type(answer)
            .objects.filter(
                member_id=answer.member_id,
                register=answer.register,
                subject=answer.subject,
                period_start=answer.period_start,
            )
            .exclude(pk=answer.pk)
        )
        if twin.exists():
            errors["register"] = "This obligation of the member has such an answer already."
    return errors


def check_answer(answer):
    errors = {}
    try:
        declared = registry.get_register(answer.register)
    except KeyError:
        return {"register": f"There is no register {answer.register!r}."}
    if not declared.expects_records:
        return {"register": f"Members are not expected to report {declared.label_plural}."}
    codes = {code for _, code, _ in subjects_of(declared)}
    if declared.expected_per and answer.subject not in codes:
        errors["subject"] = f"Name what it is for: one of {', '.join(sorted(codes)[:12])}..."
    elif not declared.expected_per and answer.subject:
        errors["subject"] = f"{declared.label_plural.capitalize()} are not reported per subject."
    if declared.period is None:
        if answer.period_start is not None:
            errors["period_start"] = f"{declared.label_plural.capitalize()} have no period."
    elif answer.period_start is None:
        errors["period_start"] = "Name the period (its first day)."
    else:
        frequency = declared.frequency
        if declared.subject_frequency and answer.subject in codes:
            frequency = next(f for _, c, f in subjects_of(declared) if c == answer.subject)
        start, end = period_containing(answer.period_start, frequency)
        if start != answer.period_start:
            errors["period_start"] = f"A period starts on its first day: {start:%d %B %Y}."
        elif hasattr(answer, "period_end"):
            answer.period_end = end
    return errors


def completeness(obligations_found):
    """Rates of done obligations: overall, per register, per member. `rate` = done / expected,
    where not-applicable obligations are not expected."""
    by_register, by_member = {}, {}
    totals = {"expected": 0, "submitted": 0, "done": 0}
    for obligation in obligations_found:
        if obligation.state == ObligationState.NOT_APPLICABLE:
            continue
        register_row = by_register.setdefault(
            obligation.register.path,
            {"register": obligation.register.path, "expected": 0, "submitted": 0, "done": 0},
        )
        member_row = by_member.setdefault(
            obligation.member.code,
            {"member": obligation.member.code, "expected": 0, "done": 0},
        )
        for row in (register_row, member_row, totals):
            row["expected"] += 1
            if obligation.state == ObligationState.DONE:
                row["done"] += 1
            if "submitted" in row and obligation.state == ObligationState.SUBMITTED:
                row["submitted"] += 1
    for row in [*by_register.values(), *by_member.values()]:
        row["rate"] = round(row["done"] / row["expected"], 4) if row["expected"] else None
    return {
        "overall": round(totals["done"] / totals["expected"], 4) if totals["expected"] else None,
        "registers": sorted(by_register.values(), key=lambda r: r["register"]),
        "members": sorted(by_member.values(), key=lambda r: r["member"]),
    }
