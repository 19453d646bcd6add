"""What every area's demo data shares (`manage.py seed_demo`).

Small helpers the areas' demo modules (governance, facilitation, security, capacity,
cooperation; registered with `core.registry.demo_data`) draw their records with: office-hours
times, days and spans of years, the member administrations and their users, a sample of the
registers' rules checked with `full_clean()`, and the Secretariat's review of what members
submit. Each helper draws from the `rng` it is given, in a fixed order, so a seed gives the
same data.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.choices import WorkflowStatus
from core.models import Member


def at(day, rng):
    """An aware time on `day`, during office hours."""
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 480))
    return timezone.make_aware(moment)


def clip(value, low, high):
    return max(low, min(high, value))


def after(day, years):
    return day + timedelta(days=round(365.25 * years))


def between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def validate(rng, records, sample, constraints=True):
    """The registers' rules hold: `full_clean()` on `sample` records (all of them if fewer).
    `constraints=False` leaves the model's constraints to the database, which checks those of
    every record as it is inserted."""
    for record in rng.sample(records, k=min(sample, len(records))):
        record.full_clean(validate_constraints=constraints)


def active_members():
    """The active member administrations, by code, with their region."""
    return list(Member.objects.filter(is_active=True).select_related("region").order_by("code"))


def member_users():
    """{username: user} of the members' demo users (`member-<iso3>`)."""
    return {
        user.username: user
        for user in get_user_model().objects.filter(username__startswith="member-")
    }


class Reviewer:
    """Sets a submission's workflow from the day its member sent it: the Secretariat publishes
    it two to six weeks later; what it has not reviewed yet by today is submitted, validated
    or returned (with the reason `returned_reasons` gives for the record's model); what the
    member sends after today is still a draft. `users` are the members' users
    (`member_users()`); `by` writes what a member has no user for, and reviews."""

    def __init__(self, rng, today, by, users, returned_reasons):
        self.rng = rng
        self.today = today
        self.now = timezone.now()
        self.by = by
        self.users = users
        self.returned_reasons = returned_reasons

    def author(self, member):
        return self.users.get(f"member-{member.code.lower()}", self.by)

    def apply(self, record, sent_on, member):
        rng = self.rng
        author = self.author(member)
        record.created_by = author
        if sent_on > self.today:
            record.status = WorkflowStatus.DRAFT
            record.updated_by = author
        else:
            published_on = sent_on + timedelta(days=rng.randint(12, 45))
            if published_on <= self.today:
                record.status = WorkflowStatus.PUBLISHED
                record.published_at = record.status_changed_at = min(
                    self.now, at(published_on, rng)
                )
            else:
                record.status = rng.choices(
                    [WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED, WorkflowStatus.RETURNED],
                    weights=[55, 30, 15],
                )[0]
                reviewed = sent_on
                if record.status != WorkflowStatus.SUBMITTED:
                    reviewed = min(sent_on + timedelta(days=rng.randint(3, 10)), self.today)
                record.status_changed_at = min(self.now, at(reviewed, rng))
                if record.status == WorkflowStatus.RETURNED:
                    record.returned_reason = self.returned_reasons[type(record)]
            record.updated_by = self.by if record.status != WorkflowStatus.SUBMITTED else author
        record._history_user = record.updated_by
        return record


# --- the reporting cycle --------------------------------------------------------------------


def minimal_pdf(title):
    """A one-page PDF saying `title`: evidence the demo attaches to records."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
        b"<< /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out


def make_cycle(rng, today, by):
    """The reporting cycle in the demo: the year before last closed (locked), a few members'
    "not applicable" answers (accepted, or awaiting review) and extensions, evidence on some
    records, and the doubtful values among the records awaiting review flagged. Returns
    {what: how many}; nothing when the cycle's demo data is there already."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core import evidence, locks, quality, registry
    from core.models import DueDateExtension, Evidence, NotApplicableAnswer, PeriodLock

    if PeriodLock.objects.exists() or NotApplicableAnswer.objects.exists():
        return {}
    counts = {}
    year = today.year - 2
    locks.lock_period(
        "",
        today.replace(year=year, month=1, day=1),
        today.replace(year=year, month=12, day=31),
        f"The {year} figures are closed: the annual transparency report is published.",
        by,
        force=True,
    )
    counts["locked periods"] = 1

    members = active_members()
    aeo = registry.get_register("security/aeo-programmes")
    without_programme = [m for m in members if not aeo.model.objects.filter(member=m).exists()]
    answers = []
    for position, member in enumerate(
        rng.sample(without_programme, k=min(6, len(without_programme)))
    ):
        answer = NotApplicableAnswer(
            member=member,
            register=aeo.path,
            reason="Our administration has no AEO programme: a small volume of trade, and "
            "no operator has asked for one.",
            status=WorkflowStatus.SUBMITTED if position < 2 else WorkflowStatus.VALIDATED,
            status_changed_at=timezone.now(),
        )
        answer.full_clean()
        answer.stamp(by)
        answers.append(answer)
    for answer in answers:
        answer.save()
    counts["not-applicable answers"] = len(answers)

    counts_register = registry.get_register("security/aeo-operator-counts")
    extended = 0
    for member in rng.sample(members, k=min(4, len(members))):
        extension = DueDateExtension(
            member=member,
            register=counts_register.path,
            period_start=today.replace(year=today.year - 1, month=1, day=1),
            due_on=today + timedelta(days=30),
            reason="The operators' register moves to a new system this year.",
        )
        extension.full_clean()
        extension.stamp(by)
        extension.save()
        extended += 1
    counts["due-date extensions"] = extended

    # Evidence on some records members report (a law, a certificate), kept in the demo's media.
    attached = 0
    studies = registry.get_register("facilitation/release-time-studies")
    for declared, title in (
        (aeo, "AEO programme: implementing regulation"),
        (studies, "Time release study: final report"),
    ):
        records = list(declared.model.objects.order_by("pk")[:400])
        for record in rng.sample(records, k=min(12, len(records))):
            if Evidence.objects.filter(register=declared.path, record_id=record.pk).exists():
                continue
            upload = SimpleUploadedFile(
                f"{title.split(':')[0].lower().replace(' ', '-')}-{record.member.code}.pdf",
                minimal_pdf(f"{title}, {record.member.name}"),
            )
            try:
                evidence.attach(record, upload, title, by)
            except locks.PeriodLocked:
                continue
            attached += 1
    counts["evidence files"] = attached

    # Doubtful values: the rules look at what awaits review, as if just submitted.
    flagged = 0
    for declared in registry.registers(members_report=True):
        if not declared.quality_value:
            continue
        for record in declared.model.objects.filter(
            status__in=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED]
        ):
            quality.review(record)
        flagged += len(
            quality.flags_of(
                declared.path,
                declared.model.objects.filter(
                    status__in=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED]
                ).values_list("pk", flat=True),
            )
        )
    counts["flagged values"] = flagged
    return counts
