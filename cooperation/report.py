"""The cooperation figures of a period, as plain data fetched up front: `summary(period)` is
served at the API's `cooperation/summary/` and is the base of the report chapter, so the report
and the API cannot disagree.

Information exchanges appear only as aggregate counts; agreements count whatever their
confidentiality, never with their titles or parties.
"""

from collections import Counter
from datetime import date, timedelta

from django.db.models import Count, Q

from cooperation import services
from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    ExchangeCategory,
    OutreachKind,
)
from cooperation.models import (
    EXPIRY_WARNING_DAYS,
    Agreement,
    FollowUpAction,
    OutreachAction,
    StakeholderDialogue,
)
from cooperation.querysets import HAS_BEEN_IN_FORCE
from core import registry
from core.charts import LINE, bar_chart, line_chart
from core.figures import published_by, rate
from core.models import Commitment
from core.registry import Period


def _by(queryset, field, choices):
    counts = dict(queryset.values_list(field).annotate(count=Count("id")).order_by(field))
    return {choice.value: counts.get(choice.value, 0) for choice in choices}


def summary(period):
    """Agreements and data protection on the period's last day (and first, where they move);
    exchanges, dialogues and outreach over the period. A fixed number of queries."""
    day, start = period.end, period.start
    in_force = services.data_protection_figures(day)
    at_start = services.data_protection_figures(start)
    dialogues = StakeholderDialogue.objects.held_between(start, day)
    outreach = OutreachAction.objects.held_between(start, day)
    return {
        "period_start": start,
        "period_end": day,
        "agreements": {
            **in_force,
            "in_force_at_start": at_start["in_force"],
            "share_with_clauses_at_start": at_start["share_with_clauses"],
            "by_kind": _by(services.agreements_in_force(day), "kind", AgreementKind),
            "expiring_soon": services.agreements_expiring(day, EXPIRY_WARNING_DAYS).count(),
        },
        "exchanges": services.exchange_counts(start, day),
        "dialogues": {
            "held": dialogues.count(),
            "by_kind": _by(dialogues, "kind", DialogueKind),
            "follow_up": services.follow_up_on_time(start, day),
        },
        "outreach": {
            "actions": outreach.count(),
            "by_kind": _by(outreach, "kind", OutreachKind),
            "regions": [
                {"region": code, "name": name, "actions": count}
                for code, name, count in services.outreach_by_region(start, day)
            ],
        },
    }


# --- the report chapter: the summary's figures, with their history by year --------------------

# Years of history the chapter's tables and charts show, to the period's end.
HISTORY_YEARS = 10


def figures_period(period):
    """The period the chapter's figures cover: the report's period, stretched back to twelve
    months when shorter, so that a monthly report compares its figures with a year before, as
    the computed indicators do."""
    year = default_period(period.end)
    return period if period.start <= year.start else year


def default_period(today):
    return Period(today - timedelta(days=364), today)


def status_on(day, status, signed_on, entry_into_force, expires_on, terminated_on):
    """Where an agreement stood on `day`, from its dates (in force by querysets.in_force_filter's
    rule), whatever has happened to it since."""
    if terminated_on is not None and terminated_on <= day:
        return AgreementStatus.TERMINATED
    if status in HAS_BEEN_IN_FORCE and entry_into_force is not None and entry_into_force <= day:
        if expires_on is not None and expires_on < day:
            return AgreementStatus.EXPIRED
        return AgreementStatus.IN_FORCE
    if signed_on is not None and signed_on <= day:
        return AgreementStatus.SIGNED
    return AgreementStatus.NEGOTIATING


def agreements_by_kind_and_status(day):
    """[{kind, label, counts: [per AgreementStatus], total}] of the agreements published by
    `day`, as they stood that day, and the totals row. Counts only. One query."""
    counts = Counter()
    rows = published_by(Agreement.objects, day).values_list(
        "kind",
        "agreement_status",
        "signed_on",
        "entry_into_force",
        "expires_on",
        "terminated_on",
    )
    for kind, *dates in rows:
        counts[kind, status_on(day, *dates)] += 1
    table = [
        {
            "kind": kind.value,
            "label": kind.label,
            "counts": [counts[kind.value, status.value] for status in AgreementStatus],
        }
        for kind in AgreementKind
    ]
    totals = [sum(row["counts"][i] for row in table) for i in range(len(AgreementStatus))]
    for row in table:
        row["total"] = sum(row["counts"])
    return table, {"counts": totals, "total": sum(totals)}


def year_ends(day, years=HISTORY_YEARS):
    """The ends of the `years` - 1 years before `day`'s, then `day`."""
    return [date(year, 12, 31) for year in range(day.year - years + 1, day.year)] + [day]


def data_protection_by_year(day):
    """Agreements in force at each year's end and on `day`, and those with data-protection
    clauses (COOP-3.1's figure). One query a year."""
    return [{"as_of": end, **services.data_protection_figures(end)} for end in year_ends(day)]


def dialogues_by_year(day):
    """[{year, dialogues, due, on_time, share_on_time}]: dialogue events held each year and
    their follow-up actions (dropped ones aside) due by `day` and done by their due date."""
    held = services.dialogues_by_year(day)
    follow_up = services.follow_up_by_year(day)
    rows = []
    for year in sorted(set(held) | set(follow_up)):
        if year > day.year - HISTORY_YEARS:
            due, on_time = follow_up.get(year, (0, 0))
            rows.append(
                {
                    "year": year,
                    "dialogues": held.get(year, 0),
                    "due": due,
                    "on_time": on_time,
                    "share_on_time": rate(on_time, due),
                }
            )
    return rows


def overdue_actions(day):
    """Follow-up actions past their due date on `day` and not done by then (dropped ones
    aside)."""
    return (
        FollowUpAction.objects.filter(due__lt=day)
        .exclude(status=ActionStatus.DROPPED)
        .filter(Q(done_on__isnull=True) | Q(done_on__gt=day))
        .count()
    )


@registry.report_section("cooperation")
def report_section(period):
    """The cooperation chapter: the figures the API serves for the period (stretched to twelve
    months), and their history by year. Aggregates only: no agreement's title or party, no
    exchange's detail."""
    as_of = period.end
    window = figures_period(period)
    figures = summary(window)
    commitments = dict(
        Commitment.objects.filter(area__code="cooperation").values_list("code", "title")
    )
    kinds, kind_totals = agreements_by_kind_and_status(as_of)
    protection = data_protection_by_year(as_of)
    dialogues = dialogues_by_year(as_of)
    outreach = services.outreach_by_year(as_of)
    outreach_years = [
        {"year": year, "actions": outreach.get(year, 0)}
        for year in range(as_of.year - HISTORY_YEARS + 1, as_of.year + 1)
        if year >= min(outreach, default=as_of.year)
    ]
    exchanges = figures["exchanges"]
    exchanges_by_year = services.exchange_counts(date(as_of.year - 4, 1, 1), as_of)["by_year"]
    most_outreach = max((row["actions"] for row in outreach_years), default=0)
    categories = [
        {"label": category.label, "count": exchanges["by_category"][category.value]}
        for category in ExchangeCategory
    ]
    most_exchanges = max((row["count"] for row in categories), default=0)
    return {
        "template": "cooperation/report_chapter.html",
        "figures": figures,
        "commitments": [
            {"code": code, "title": commitments.get(code, "")}
            for code in ("COOP-1", "COOP-2", "COOP-3")
        ],
        "statuses": [status.label for status in AgreementStatus],
        "agreement_rows": kinds,
        "agreement_totals": kind_totals,
        "data_protection": protection,
        "dialogue_rows": dialogues,
        "dialogue_kinds": [
            {"label": kind.label, "count": figures["dialogues"]["by_kind"][kind.value]}
            for kind in DialogueKind
        ],
        "overdue_actions": overdue_actions(as_of),
        "outreach_rows": outreach_years,
        "outreach_kinds": [
            {"label": kind.label, "count": figures["outreach"]["by_kind"][kind.value]}
            for kind in OutreachKind
        ],
        "exchange_categories": categories,
        "exchanges_by_year": exchanges_by_year,
        "data_protection_chart": line_chart(
            [(row["as_of"], row["share_with_clauses"] or 0) for row in protection],
            title="Agreements in force with data-protection clauses (%), at each year's end",
            unit="%",
            width=520,
            height=190,
        ),
        "follow_up_chart": bar_chart(
            [
                (str(row["year"]), (row["share_on_time"] or 0) / 100, LINE)
                for row in dialogues
                if row["due"]
            ],
            title="Follow-up actions of dialogues done on time, by year of the dialogue",
            width=520,
        ),
        "outreach_chart": bar_chart(
            [(str(row["year"]), row["actions"], LINE) for row in outreach_years],
            title="Political outreach actions by year",
            maximum=most_outreach or 1,
            percent=False,
            width=520,
        ),
        "exchanges_chart": bar_chart(
            [(row["label"], row["count"], LINE) for row in categories],
            title="Information exchanges of the period by category",
            maximum=most_exchanges or 1,
            percent=False,
            width=520,
        ),
    }
