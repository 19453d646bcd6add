"""The governance chapter of the transparency report, as plain data fetched up front.
`summary(period)` holds the figures; the API's `governance/summary/` serves the same dictionary,
so the report and the API cannot disagree."""

from datetime import date, timedelta

from core.charts import bar_chart, line_chart
from core.registry import Period, report_section
from governance import services
from governance.alerts import ALERT_DAYS
from governance.models import Consultation, Decision, Mandate, Meeting


def summary(period, limits=None):
    """The key figures of the period; `limits`: `services.term_limits(period.end)`, if the
    caller has it already."""
    as_of = period.end
    limits = limits or services.term_limits(as_of)
    by_member = services.participation_by_member(period.start, period.end)
    regions, overall = services.participation_by_region(by_member)
    return {
        "period_start": period.start,
        "period_end": period.end,
        "term_limits": {
            "positions_filled": limits["positions_filled"],
            "within_limits": limits["within_limits"],
            "rate": limits["rate"],
        },
        "mandates_ending_within_180_days": Mandate.objects.ending_within(ALERT_DAYS, as_of).count(),
        "meetings_held": Meeting.objects.filter(
            held_on__gte=period.start, held_on__lte=period.end
        ).count(),
        "consultations_closed": Consultation.objects.filter(
            closes_on__gte=period.start, closes_on__lte=period.end
        ).count(),
        "participation": overall.as_dict(),
        "participation_by_region": [
            {"region": region.code, "name": region.name, **figures.as_dict()}
            for region, figures in regions.items()
        ],
        "decisions": services.decision_publication(period.start, period.end, as_of),
    }


def figures_period(period):
    """The period the chapter's figures cover: the report's period, stretched back to twelve
    months when shorter, so a monthly report's participation and publication rates rest on a
    year of meetings, as the computed indicators do."""
    year = default_period(period.end)
    return period if period.start <= year.start else year


@report_section("governance")
def governance_chapter(period):
    as_of = period.end
    limits = services.term_limits(as_of)
    figures = summary(figures_period(period), limits)
    # The last five calendar years complete by the period's end: nothing after it shows.
    last = as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1
    by_year = services.participation_by_year(list(range(last - 4, last + 1)))
    published = list(
        Decision.objects.published()
        .filter(decided_on__gte=period.start, decided_on__lte=period.end)
        .select_related("body")
        .order_by("-decided_on", "reference")
    )
    decisions = figures["decisions"]
    return {
        "template": "governance/report_chapter.html",
        "figures": figures,
        "unpublished": decisions["taken"] - decisions["published"],
        "outside_limits": [
            {
                "position": str(m.position),
                "holder": m.holder,
                "term": f"{m.term_number} of {m.position.max_terms}",
                "start": m.start,
                "end": m.end,
            }
            for m in limits["outside_limits"]
        ],
        "ending": [
            {
                "position": str(m.position),
                "holder": m.holder,
                "member": m.member.code if m.member else "",
                "end": m.end,
                "renewable": m.term_number < m.position.max_terms,
            }
            for m in Mandate.objects.ending_within(ALERT_DAYS, as_of)
            .select_related("position__body", "member")
            .order_by("end")
        ],
        "decisions": [
            {
                "reference": d.reference,
                "title": d.title,
                "body": d.body.name,
                "decided_on": d.decided_on,
                "outcome": d.get_outcome_display(),
                "published_on": d.published_at.date(),
                "days_to_publish": (d.published_at.date() - d.decided_on).days,
            }
            for d in published
            if d.published_at.date() <= as_of
        ],
        "regions_chart": bar_chart(
            [
                (r["name"], (r["overall_rate"] or 0) / 100, "on_track")
                for r in figures["participation_by_region"]
            ],
            title="Participation of members by region (meetings and consultations)",
            width=520,
        ),
        "trend_chart": line_chart(
            [(date(year, 12, 31), meeting) for year, meeting, _ in by_year if meeting is not None],
            title="Participation of members in meetings, by calendar year (%)",
            unit="%",
            width=480,
            height=170,
        ),
    }


def default_period(today):
    return Period(today - timedelta(days=364), today)
