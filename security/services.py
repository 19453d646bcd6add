"""Figures of the security registers, for the computed indicators, the API and the reports.
Only what was published by the day asked counts (core.figures.published_by)."""

from collections import defaultdict
from statistics import median

from django.db.models import Count, Q, Sum

from core.figures import active_members, published_by, rate
from security.choices import AEOStatus, Involvement, Readiness, RecognitionStatus
from security.models import (
    AEOOperatorCount,
    AEOProgramme,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SecurityStrategyRole,
)


def _share_of_active_members(queryset, day):
    members = active_members(day)
    counted = queryset.filter(member__in=members).values("member").distinct().count()
    return rate(counted, members.count())


def members_with_operational_aeo(as_of):
    """Share of active members (%) whose AEO programme was operational on `as_of` (SEC-2.1)."""
    operational = published_by(AEOProgramme.objects, as_of).filter(
        programme_status=AEOStatus.OPERATIONAL, launched_on__lte=as_of
    )
    return _share_of_active_members(operational, as_of)


def members_in_security_strategy(as_of):
    """Share of active members (%) whose customs takes part in the national security strategy
    (fully or partly; SEC-1.1)."""
    involved = published_by(SecurityStrategyRole.objects, as_of).filter(
        involvement__in=[Involvement.FULLY, Involvement.PARTLY]
    )
    return _share_of_active_members(involved, as_of)


def aeo_status_counts(day):
    """{AEO status: members} from the published programmes of active members."""
    rows = (
        published_by(AEOProgramme.objects, day)
        .filter(member__in=active_members(day))
        .values_list("programme_status")
        .annotate(count=Count("id"))
    )
    return dict(rows)


def certified_operators_by_year(day):
    """[{"year", "operators", "members"}]: the operators certified by active members' AEO
    programmes in each year up to `day`'s, summed over the counts published by `day`, with the
    number of members whose count it sums (a year some members have not reported is lower than
    it was). One query."""
    rows = (
        published_by(AEOOperatorCount.objects, day)
        .filter(member__in=active_members(day), year__lte=day.year)
        .values("year")
        .annotate(operators=Sum("certified_operators"), members=Count("member"))
        .order_by("year")
    )
    return [
        {"year": row["year"], "operators": row["operators"], "members": row["members"]}
        for row in rows
    ]


def pillar_counts(day):
    """{pillar number: members implementing it} from the published SAFE adoptions."""
    rows = (
        published_by(SafeAdoption.objects, day)
        .filter(member__in=active_members(day))
        .values_list("pillars__number")
        .annotate(count=Count("id"))
    )
    return {number: count for number, count in rows if number is not None}


def members_with_operational_passenger_data(as_of, kind):
    """Share of active members (%) with operational access to `kind` ("api" or "pnr")
    passenger data: an aggregate over every member, whatever each record's confidentiality."""
    operational = published_by(PassengerDataReadiness.objects, as_of).filter(
        **{f"{kind}_status": Readiness.OPERATIONAL, "go_live__lte": as_of}
    )
    return _share_of_active_members(operational, as_of)


def members_with_operational_api(as_of):
    return members_with_operational_passenger_data(as_of, "api")


def members_with_operational_pnr(as_of):
    return members_with_operational_passenger_data(as_of, "pnr")


def live_recognitions(day):
    return MutualRecognition.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day),
        status=RecognitionStatus.IMPLEMENTED,
        implemented_on__lte=day,
    )


def implemented_recognitions(as_of):
    """Mutual recognition arrangements implemented and in force on `as_of` (SEC-2.2)."""
    return live_recognitions(as_of).count()


def maturity_rounds(day, members=None):
    """{member_id: [maturity of each published assessment, oldest first]} by `day`."""
    assessments = published_by(RiskManagementAssessment.objects, day).filter(assessed_on__lte=day)
    if members is not None:
        assessments = assessments.filter(member__in=members)
    rounds = defaultdict(list)
    fields = RiskManagementAssessment.DIMENSIONS
    for member_id, *scores in assessments.order_by("assessed_on").values_list("member_id", *fields):
        rounds[member_id].append(sum(scores) / len(scores))
    return rounds


def median_maturity(as_of):
    """The median of members' latest risk-management maturity (1 to 5; SEC-2.3)."""
    latest = [scores[-1] for scores in maturity_rounds(as_of).values()]
    return round(median(latest), 2) if latest else None


def median_maturity_change(as_of):
    """The median change of maturity since each member's previous assessment."""
    changes = [s[-1] - s[-2] for s in maturity_rounds(as_of).values() if len(s) >= 2]
    return round(median(changes), 2) if changes else None
