"""The facilitation chapter of the transparency report, as plain data fetched up front: the
report's template only lays it out. `summary(period)` holds the figures; the API's
`facilitation/summary/` serves the same dictionary, so the report and the API cannot disagree."""

from collections import Counter
from datetime import date, timedelta
from statistics import median

from core.charts import LINE, bar_chart, line_chart
from core.registry import Period, report_section
from facilitation import services
from facilitation.choices import AdoptionStatus, BorderMode
from facilitation.models import EcommerceStandard, JointActivity, TFAMeasure, TFANotification
from facilitation.querysets import TFA_ENTRY_INTO_FORCE

# Series whose release times grew that the chapter lists by name, the largest increase first.
GROWN_LISTED = 15


def summary(period):
    """Figures on the period's last day (TFA, e-commerce, release times) and over the period
    (joint activities, revenue of the years it covers)."""
    day = period.end
    by_member = services.implementation_by_member(day)
    regions, overall = services.implementation_by_region(by_member)
    _, at_start = services.implementation_by_region(services.implementation_by_member(period.start))
    studies = services.first_and_latest_studies(day)
    standards = list(services.adoption_by_standard(day))
    years = range(period.start.year, period.end.year + 1)
    return {
        "period_start": period.start,
        "period_end": period.end,
        "tfa": {
            "rate": overall.rate,
            "rate_at_start": at_start.rate,
            "members": len(by_member),
            "regions": [
                {"region": r.code, "name": r.name, "rate": f.rate} for r, f in regions.items()
            ],
            "schedule": [
                {"year": year, "measures": count}
                for year, count in services.implementation_schedule(day).items()
            ],
        },
        "release_times": {
            "median_reduction": services.median_reduction(studies),
            "members_measured": len({member_id for member_id, _ in studies}),
            "series_grown": sum(
                1 for (_, first), (_, latest) in studies.values() if latest > first
            ),
        },
        "ecommerce": {
            "standards": EcommerceStandard.objects.count(),
            "members_adopting_half": services.members_adopting_half_of_the_standards(day),
            "fully_adopted": sum(counts.get("fully", 0) for _, counts, _ in standards),
            "on_older_versions": sum(behind for _, _, behind in standards),
        },
        "joint_activities": JointActivity.objects.filter(
            held_on__gte=period.start, held_on__lte=period.end
        ).count(),
        # The mean share as a float, as the API renders it, like the other rates.
        "revenue": [
            {
                "year": year,
                "reports": reports,
                "with_ecommerce": with_ecommerce,
                "share": None if share is None else float(share),
            }
            for year, reports, with_ecommerce, share in services.revenue_by_year(day)
            if year in years
        ],
    }


def figures_period(period):
    """The period the chapter's figures cover: the report's period, stretched back to twelve
    months when shorter, so that a monthly report counts a year of joint activities and compares
    the implementation rate with a year before, as the computed indicators do."""
    year = default_period(period.end)
    return period if period.start <= year.start else year


def default_period(today):
    return Period(today - timedelta(days=364), today)


def implementation_outlook(day):
    """[(year end, rate %)] from the Agreement's entry into force to the last commitment: the
    TFA implementation rate of the members active on `day` at the end of each year, from the
    notifications published by `day` (the WTO's rule gives the rate at any past or future
    date)."""
    members = list(services.active_members(day).values_list("pk", flat=True))
    effective = list(
        services.published_by(TFANotification.objects, day)
        .with_effective_date()
        .filter(member__in=members, effective__isnull=False)
        .values_list("effective", flat=True)
    )
    expected = TFAMeasure.objects.count() * len(members)
    if not effective or not expected:
        return []
    by_year = Counter(when.year for when in effective)
    total, outlook = 0, []
    for year in range(TFA_ENTRY_INTO_FORCE.year, max(by_year) + 1):
        total += by_year.get(year, 0)
        outlook.append((date(year, 12, 31), services.rate(total, expected)))
    return outlook


def release_times(day):
    """By border mode: series measured (two studies or more), their median reduction and those
    that grew; and the series that grew, the largest increase first."""
    trends = services.release_trends(day)
    modes = []
    for mode in BorderMode:
        series = [t for t in trends if t.mode == mode]
        if series:
            modes.append(
                {
                    "mode": mode.label,
                    "series": len(series),
                    "median_reduction": round(median(float(t.reduction) for t in series), 1),
                    "grown": sum(1 for t in series if t.grew),
                }
            )
    grown = [
        {
            "member": t.member.name,
            "region": t.member.region.name,
            "mode": BorderMode(t.mode).label,
            "first_year": t.first_year,
            "first_hours": t.first_hours,
            "latest_year": t.latest_year,
            "latest_hours": t.latest_hours,
            "increase": -t.reduction,
        }
        for t in sorted(trends, key=lambda t: t.reduction)
        if t.grew
    ]
    return modes, grown


@report_section("facilitation")
def facilitation_chapter(period):
    as_of = period.end
    window = figures_period(period)
    figures = summary(window)
    members = services.active_members(as_of).count()
    standards = []
    for standard, counts, behind in services.adoption_by_standard(as_of):
        revised = standard.revised_on
        standards.append(
            {
                "number": standard.number,
                "title": standard.title,
                "version": standard.version,
                "revised_on": revised if revised and revised <= as_of else None,
                "fully": counts.get(AdoptionStatus.FULLY, 0),
                "partly": counts.get(AdoptionStatus.PARTLY, 0),
                "planned": counts.get(AdoptionStatus.PLANNED, 0),
                "not_started": counts.get(AdoptionStatus.NOT_STARTED, 0),
                "older_version": behind,
                "fully_rate": services.rate(counts.get(AdoptionStatus.FULLY, 0), members),
            }
        )
    modes, grown = release_times(as_of)
    outlook = implementation_outlook(as_of)
    tfa = figures["tfa"]
    return {
        "template": "facilitation/report_chapter.html",
        "figures": figures,
        "active_members": members,
        "measures_to_come": sum(row["measures"] for row in tfa["schedule"]),
        "release_modes": modes,
        "release_series": sum(mode["series"] for mode in modes),
        "release_grown": grown[:GROWN_LISTED],
        "release_grown_more": max(0, len(grown) - GROWN_LISTED),
        "standards": standards,
        "activities": [
            {
                "held_on": a.held_on,
                "partner": a.partner,
                "kind": a.get_kind_display(),
                "title": a.title,
                "outcome": a.outcome,
            }
            for a in JointActivity.objects.filter(
                held_on__gte=window.start, held_on__lte=window.end
            ).order_by("held_on", "id")
        ],
        # Means over five members or more only: one member's figures never show.
        "revenue": [
            {"year": year, "reports": reports, "with_ecommerce": with_ecommerce, "share": share}
            for year, reports, with_ecommerce, share in services.revenue_by_year(as_of)[-5:]
        ],
        "regions_chart": bar_chart(
            [(r["name"], (r["rate"] or 0) / 100, "on_track") for r in tfa["regions"]],
            title="TFA implementation rate by region",
            width=520,
        ),
        "outlook_chart": line_chart(
            outlook,
            title="TFA implementation rate by year's end, with commitments (%)",
            unit="%",
            width=520,
            height=190,
        ),
        "standards_chart": bar_chart(
            [(f"No. {s['number']}", (s["fully_rate"] or 0) / 100, LINE) for s in standards],
            title="Members fully adopting each e-commerce standard (% of active members)",
            width=520,
        ),
    }
