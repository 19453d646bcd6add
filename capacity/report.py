"""The capacity-building figures of a period, as plain data fetched up front: `summary(period)`
is what the area's report chapter shows and what the API's `capacity/summary/` serves, so the
report and the API cannot disagree. A fixed number of queries whatever the number of records.

Diagnostic findings are restricted: the summary gives only aggregates over all members (the
follow-up rate, counts of overdue recommendations and uncovered needs), never a member's
recommendation.
"""

from collections import Counter, defaultdict

from django.db.models import Count, F, Sum

from capacity import services
from capacity.choices import DiagnosticTool, Modality, Uptake
from capacity.models import (
    DiagnosticMission,
    Evaluation,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.charts import LINE, bar_chart
from core.figures import MINIMUM_MEMBERS, at_least_five, published_by, rate
from core.models import Member, Region
from core.registry import report_section


def _projects(period):
    day, start = period.end, period.start
    running = Project.objects.active_on(day)
    return {
        "running": running.count(),
        "running_at_start": Project.objects.active_on(start).count(),
        "started": Project.objects.exclude(status="pipeline")
        .filter(start__gte=start, start__lte=day)
        .count(),
        "ended": Project.objects.ended_by(day).filter(end__gte=start).count(),
        "beneficiary_members": running.filter(beneficiaries__isnull=False)
        .values("beneficiaries")
        .distinct()
        .count(),
        "aligned_rate": services.active_projects_aligned(day),
        "aligned_rate_at_start": services.active_projects_aligned(start),
    }


def _evaluation(period):
    day, start = period.end, period.start
    coverage = services.evaluation_coverage(day)
    in_period = Evaluation.objects.filter(evaluated_on__gte=start, evaluated_on__lte=day)
    return {
        "ended": coverage["ended"],
        "evaluated": coverage["evaluated"],
        "rate": services.ended_projects_evaluated(day),
        "rate_at_start": services.ended_projects_evaluated(start),
        "evaluations_in_period": in_period.count(),
        "mean_scores": services.mean_scores(in_period),
    }


def _diagnostics(period):
    day, start = period.end, period.start
    followed = services.follow_up(day)
    missions = DiagnosticMission.objects.filter(start__gte=start, start__lte=day)
    return {
        "missions": missions.count(),
        "missions_by_tool": dict(
            missions.values_list("tool").annotate(count=Count("id")).order_by("tool")
        ),
        "recommendations_made": Recommendation.objects.filter(mission__in=missions).count(),
        "follow_up": followed.as_dict(),
        "follow_up_rate_at_start": services.follow_up(start).rate,
    }


def _sdgs(day):
    return {
        "disbursed_eur": services.sdg_funding_disbursed(day) or services.ZERO,
        "goals": [
            {"number": sdg.number, "title": sdg.title, "disbursed_eur": amount}
            for sdg, amount in services.sdg_funding_by_goal(day)
        ],
    }


def _instruments(day):
    """Per instrument: members that have applied it or acceded to it (published by `day`),
    and its latest review by then."""
    rows = (
        published_by(InstrumentUptake.objects, day)
        .filter(uptake__in=[Uptake.APPLIED, Uptake.ACCEDED], since__lte=day)
        .values_list("instrument_id", "uptake")
        .annotate(count=Count("id"))
    )
    uptake = Counter({(instrument_id, state): count for instrument_id, state, count in rows})
    latest = {}
    for review in InstrumentReview.objects.filter(reviewed_on__lte=day).order_by("reviewed_on"):
        latest[review.instrument_id] = review
    rows = []
    for instrument in Instrument.objects.order_by("code"):
        review = latest.get(instrument.pk)
        rows.append(
            {
                "code": instrument.code,
                "title": instrument.title,
                "kind": instrument.kind,
                "applied": uptake[(instrument.pk, Uptake.APPLIED)],
                "acceded": uptake[(instrument.pk, Uptake.ACCEDED)],
                "reviewed_on": review.reviewed_on if review else None,
                "relevance": review.relevance if review else None,
                "impact": review.impact if review else None,
            }
        )
    return rows


def _training(period):
    activities = published_by(TrainingActivity.objects, period.end).filter(
        start__gte=period.start, start__lte=period.end
    )
    by_modality = {
        modality: (count, participants or 0)
        for modality, count, participants in activities.values_list("modality")
        .annotate(count=Count("id"), people=Sum("participants"))
        .order_by("modality")
    }
    hours = activities.aggregate(total=Sum(F("participants") * F("hours")))["total"]
    return {
        "activities": sum(count for count, _ in by_modality.values()),
        "participants": sum(people for _, people in by_modality.values()),
        "participant_hours": hours or 0,
        "modalities": [
            {
                "modality": modality.value,
                "label": modality.label,
                "activities": by_modality.get(modality.value, (0, 0))[0],
                "participants": by_modality.get(modality.value, (0, 0))[1],
            }
            for modality in Modality
        ],
    }


def _coordination(day):
    overlaps = services.overlaps(day)
    gaps = services.gaps(day)
    uncovered = Counter(need.kind for _, needs in gaps for need in needs)
    return {
        "overlaps": len(overlaps),
        "members_with_overlaps": len({row["member"] for row in overlaps}),
        "members_with_gaps": len(gaps),
        "uncovered_needs": dict(sorted(uncovered.items())),
    }


def summary(period):
    """Figures on the period's last day, compared with its first where they move; funding for
    the funding years the period spans; activity (missions, evaluations, training) within it."""
    day = period.end
    return {
        "period_start": period.start,
        "period_end": day,
        "projects": _projects(period),
        "funding": services.funding_breakdown(period.start.year, day.year),
        "evaluation": _evaluation(period),
        "diagnostics": _diagnostics(period),
        "sdgs": _sdgs(day),
        "instruments": _instruments(day),
        "training": _training(period),
        "coordination": _coordination(day),
    }


# --- the report chapter ---------------------------------------------------------------------

NEED_KINDS = {
    "recommendation": "Open high-priority diagnostic recommendations",
    "tfa_category_c": "TFA category C measures awaiting assistance",
}


def follow_up_by_region(day):
    """Per region, the follow-up of diagnostic recommendations on `day`: the members with
    recommendations due, and (over five members or more, the missions being restricted) the
    recommendations due, done and overdue and the follow-up rate."""
    totals = {}
    for member, figures in services.follow_up_by_member(day):
        row = totals.setdefault(member.region_id, Counter())
        row["members"] += 1
        row["due"] += figures.due
        row["done"] += figures.done
        row["overdue"] += figures.overdue
    rows = []
    for region in Region.objects.order_by("code"):
        row = totals.get(region.pk, Counter())
        members = row["members"]
        rows.append(
            {
                "region": region.code,
                "name": region.name,
                "members": at_least_five(members, members),
                "due": at_least_five(members, row["due"]),
                "done": at_least_five(members, row["done"]),
                "overdue": at_least_five(members, row["overdue"]),
                "rate": at_least_five(members, rate(row["done"], row["due"])),
            }
        )
    return rows


def coordination_by_region(day):
    """Per region on `day`: donors' overlaps (members and member-area pairs where two or more
    donors fund projects at the same time; public programme data) and needs no running project
    covers, by kind. Needs drawn from restricted records (diagnostic recommendations) are
    counted only over five members or more."""
    members_region = dict(Member.objects.values_list("code", "region_id"))
    overlaps = Counter()
    overlapping = defaultdict(set)
    for row in services.overlaps(day):
        region_id = members_region[row["member"]]
        overlaps[region_id] += 1
        overlapping[region_id].add(row["member"])
    needs = defaultdict(lambda: defaultdict(set))  # region -> kind -> members
    counts = defaultdict(Counter)  # region -> kind -> needs
    public = defaultdict(lambda: True)  # kind -> all its needs public
    for member, uncovered in services.gaps(day):
        for need in uncovered:
            needs[member.region_id][need.kind].add(member.pk)
            counts[member.region_id][need.kind] += 1
            public[need.kind] &= need.public
    kinds = sorted({kind for by_kind in needs.values() for kind in by_kind})
    rows = []
    for region in Region.objects.order_by("code"):
        gaps = []
        for kind in kinds:
            members = len(needs[region.pk][kind])
            shown = public[kind] or members >= MINIMUM_MEMBERS
            gaps.append(
                {
                    "kind": kind,
                    "members": members if shown else None,
                    "needs": counts[region.pk][kind] if shown else None,
                }
            )
        rows.append(
            {
                "region": region.code,
                "name": region.name,
                "overlaps": overlaps[region.pk],
                "members_with_overlaps": len(overlapping[region.pk]),
                "gaps": gaps,
            }
        )
    return {
        "kinds": [{"kind": kind, "label": NEED_KINDS.get(kind, kind)} for kind in kinds],
        "regions": rows,
    }


def millions(amount):
    return round(float(amount or 0) / 1_000_000, 1)


def funding_chart(by_year):
    """Bars of the euros committed and disbursed each funding year (EUR million)."""
    bars = []
    for row in by_year:
        bars.append((f"{row['year']} committed", millions(row["committed_eur"]), LINE))
        bars.append((f"{row['year']} disbursed", millions(row["disbursed_eur"]), "#2e9d57"))
    return bar_chart(
        bars,
        title="Funding committed and disbursed by year (EUR million)",
        maximum=max((value for _, value, _ in bars), default=0) or 1,
        percent=False,
        width=520,
    )


def sdg_chart(goals):
    """Bars of the euros disbursed towards each SDG (EUR million), goals with funding only."""
    bars = [
        (f"SDG {goal['number']} {goal['title']}", millions(goal["disbursed_eur"]), LINE)
        for goal in goals
        if goal["disbursed_eur"]
    ]
    return bar_chart(
        bars,
        title="Funding disbursed towards each SDG, all years to date (EUR million)",
        maximum=max((value for _, value, _ in bars), default=0) or 1,
        percent=False,
        width=520,
    )


@report_section("capacity")
def capacity_chapter(period):
    """The capacity-building chapter: the figures of `summary(period)` (what the API serves),
    with the follow-up of recommendations and donor coordination by region and the charts."""
    figures = summary(period)
    funding = figures["funding"]
    day = period.end
    return {
        "template": "capacity/report_chapter.html",
        "figures": figures,
        "tools": [
            {
                "tool": tool.label,
                "missions": figures["diagnostics"]["missions_by_tool"].get(tool, 0),
            }
            for tool in DiagnosticTool
        ],
        "criteria": [
            {"criterion": name.capitalize(), "mean": figures["evaluation"]["mean_scores"][name]}
            for name in Evaluation.CRITERIA
        ],
        "follow_up_regions": follow_up_by_region(day),
        "coordination": coordination_by_region(day),
        "funding_years": (
            f"the funding year {funding['first_year']}"
            if funding["first_year"] == funding["last_year"]
            else f"the funding years {funding['first_year']} to {funding['last_year']}"
        ),
        "funded_sdgs": [row for row in funding["by_sdg"] if row["projects"]],
        "funding_chart": funding_chart(funding["by_year"]),
        "sdg_chart": sdg_chart(figures["sdgs"]["goals"]),
    }
