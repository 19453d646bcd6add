"""Figures of the governance registers: term limits, participation of members, transparency of
decisions. The area page, the API, the computed indicators and the report all call these, so
they always agree. Each is a fixed number of queries, whatever the number of members.

Participation counts what the secretariat recorded: a member takes part in a meeting when
its attendance is `in_person` or `remote` (members with no attendance row were not expected),
and in a consultation when its published response is on record; every active member is
expected to answer every consultation that closes in the period.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from core.choices import WorkflowStatus
from core.figures import rate
from core.models import Member
from governance.choices import PRESENT
from governance.models import (
    Attendance,
    Consultation,
    ConsultationResponse,
    Decision,
    Mandate,
    Meeting,
)

PUBLICATION_DAYS = 30


def year_to(as_of):
    """The twelve months that end on `as_of`, both days included."""
    return as_of - timedelta(days=364), as_of


# --- GOV-1: mandates within the term limits --------------------------------------------------


def current_mandates(as_of):
    """The mandate in force on `as_of` of each position of higher responsibility."""
    return list(
        Mandate.objects.current(as_of)
        .filter(position__higher_responsibility=True)
        .select_related("position__body", "member")
        .order_by("position__body__name", "position__title")
    )


def term_limits(as_of):
    mandates = current_mandates(as_of)
    within = [m for m in mandates if m.respects_term_limits]
    return {
        "positions_filled": len(mandates),
        "within_limits": len(within),
        "outside_limits": [m for m in mandates if not m.respects_term_limits],
        "rate": rate(len(within), len(mandates)),
    }


def mandates_within_term_limits(as_of):
    return term_limits(as_of)["rate"]


# --- GOV-2: participation of members ---------------------------------------------------------


@dataclass
class Participation:
    """A member's (or a region's, or everyone's) part in the period's meetings and consultations."""

    meetings_expected: int = 0
    meetings_attended: int = 0
    consultations: int = 0
    responses: int = 0

    @property
    def meeting_rate(self):
        return rate(self.meetings_attended, self.meetings_expected)

    @property
    def response_rate(self):
        return rate(self.responses, self.consultations)

    @property
    def overall_rate(self):
        return rate(
            self.meetings_attended + self.responses, self.meetings_expected + self.consultations
        )

    def add(self, other):
        self.meetings_expected += other.meetings_expected
        self.meetings_attended += other.meetings_attended
        self.consultations += other.consultations
        self.responses += other.responses

    def as_dict(self):
        return {
            "meetings_expected": self.meetings_expected,
            "meetings_attended": self.meetings_attended,
            "meeting_rate": self.meeting_rate,
            "consultations": self.consultations,
            "responses": self.responses,
            "response_rate": self.response_rate,
            "overall_rate": self.overall_rate,
        }


def participation_by_member(start, end, members=None):
    """{member: Participation} for the active members (or `members`), in four queries."""
    members = members if members is not None else Member.objects.filter(is_active=True)
    members = list(members.select_related("region").order_by("name"))
    ids = [m.pk for m in members]
    figures = {m.pk: Participation() for m in members}
    rows = (
        Attendance.objects.in_period(start, end)
        .filter(member_id__in=ids)
        .values("member_id")
        .annotate(expected=Count("id"), attended=Count("id", filter=Q(presence__in=PRESENT)))
    )
    for row in rows:
        figures[row["member_id"]].meetings_expected = row["expected"]
        figures[row["member_id"]].meetings_attended = row["attended"]
    consultations = list(
        Consultation.objects.filter(closes_on__gte=start, closes_on__lte=end).values_list(
            "pk", "opened_on"
        )
    )
    for member in members:
        # A member is asked only once it has joined.
        figures[member.pk].consultations = sum(
            1
            for _, opened in consultations
            if member.joined_on is None or member.joined_on <= opened
        )
    responses = (
        ConsultationResponse.objects.filter(
            consultation_id__in=[pk for pk, _ in consultations],
            member_id__in=ids,
            status=WorkflowStatus.PUBLISHED,
        )
        .values("member_id")
        .annotate(count=Count("id"))
    )
    for row in responses:
        figures[row["member_id"]].responses = row["count"]
    return {member: figures[member.pk] for member in members}


def participation_by_region(by_member):
    """{region: Participation} and the overall Participation, from `participation_by_member`."""
    regions = defaultdict(Participation)
    overall = Participation()
    for member, figures in by_member.items():
        regions[member.region].add(figures)
        overall.add(figures)
    ordered = dict(sorted(regions.items(), key=lambda item: item[0].name))
    return ordered, overall


def meeting_participation_rate(as_of):
    start, end = year_to(as_of)
    attendances = Attendance.objects.in_period(start, end).filter(member__is_active=True)
    counts = attendances.aggregate(
        expected=Count("id"), attended=Count("id", filter=Q(presence__in=PRESENT))
    )
    return rate(counts["attended"], counts["expected"])


def consultation_response_rate(as_of):
    start, end = year_to(as_of)
    _, overall = participation_by_region(participation_by_member(start, end))
    return overall.response_rate


def participation_by_year(years):
    """[(year, meeting rate, response rate)] for the given years, oldest first."""
    attendance = {
        row["year"]: row
        for row in Attendance.objects.filter(meeting__held_on__year__in=years)
        .annotate(year=ExtractYear("meeting__held_on"))
        .values("year")
        .annotate(expected=Count("id"), attended=Count("id", filter=Q(presence__in=PRESENT)))
    }
    asked = {
        row["year"]: row["count"]
        for row in Consultation.objects.filter(closes_on__year__in=years)
        .annotate(year=ExtractYear("closes_on"))
        .values("year")
        .annotate(count=Count("id"))
    }
    members = Member.objects.filter(is_active=True).count()
    answered = {
        row["year"]: row["count"]
        for row in ConsultationResponse.objects.filter(
            consultation__closes_on__year__in=years, status=WorkflowStatus.PUBLISHED
        )
        .annotate(year=ExtractYear("consultation__closes_on"))
        .values("year")
        .annotate(count=Count("id"))
    }
    series = []
    for year in sorted(years):
        row = attendance.get(year, {"expected": 0, "attended": 0})
        series.append(
            (
                year,
                rate(row["attended"], row["expected"]),
                rate(answered.get(year, 0), asked.get(year, 0) * members),
            )
        )
    return series


def absent_from_last_meetings(count, body=None):
    """Members expected at one or more of the last `count` meetings (of `body`, or of any
    body) that took part in none: the administrations the secretariat should reach out to."""
    meetings = Meeting.objects.filter(attendances__isnull=False).distinct()
    if body is not None:
        meetings = meetings.filter(body=body)
    last = list(meetings.order_by("-held_on", "-id").values_list("pk", flat=True)[:count])
    return list(
        Member.objects.filter(is_active=True)
        .annotate(
            expected=Count("attendances", filter=Q(attendances__meeting_id__in=last)),
            attended=Count(
                "attendances",
                filter=Q(attendances__meeting_id__in=last, attendances__presence__in=PRESENT),
            ),
        )
        .filter(expected__gt=0, attended=0)
        .select_related("region")
        .order_by("region__name", "name")
    )


# --- GOV-2: transparency of decisions --------------------------------------------------------


def decision_publication(start, end, as_of=None):
    """Decisions taken in the period: how many, published, and published within 30 days."""
    as_of = as_of or end
    decisions = Decision.objects.filter(decided_on__gte=start, decided_on__lte=end)
    taken = published = on_time = 0
    for decided_on, published_at in decisions.values_list("decided_on", "published_at"):
        taken += 1
        if published_at is not None and published_at.date() <= as_of:
            published += 1
            if (published_at.date() - decided_on).days <= PUBLICATION_DAYS:
                on_time += 1
    return {
        "taken": taken,
        "published": published,
        "published_within_30_days": on_time,
        "rate": rate(on_time, taken),
    }


def decisions_published_within_30_days(as_of):
    # Decisions taken in the year up to a month ago: the last month's have time left.
    end = as_of - timedelta(days=PUBLICATION_DAYS)
    return decision_publication(end - timedelta(days=364), end, as_of)["rate"]


def open_consultations(today):
    """The consultations open on `today`, as members are told of them: (reference, the day it
    closes, its reference and title in words)."""
    from governance.models import Consultation

    return [
        (c.reference, c.closes_on, f"Consultation {c.reference}: {c.title}")
        for c in Consultation.objects.filter(opened_on__lte=today, closes_on__gte=today).order_by(
            "closes_on", "reference"
        )
    ]
