"""Figures of the cooperation registers, for the computed indicators, the API and the report.

Every figure is a fixed number of database queries whatever the data's size. Agreements count
once published by the day asked (core.figures.published_by), whatever their confidentiality;
information exchanges count as aggregates only, never one exchange's details.
"""

from collections import Counter, defaultdict

from django.db.models import Count, F, Q

from cooperation.choices import ActionStatus, ExchangeCategory
from cooperation.models import (
    Agreement,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    StakeholderDialogue,
)
from cooperation.querysets import in_force_filter, twelve_months_to
from core.dates import EARLIEST
from core.figures import published_by, rate
from core.models import Region

# --- agreements and data protection (COOP-3) ----------------------------------------------


def agreements_in_force(day):
    """The published agreements in force on `day`."""
    return published_by(Agreement.objects, day).filter(in_force_filter(day))


def data_protection_figures(day):
    """Agreements in force on `day`: how many, how many allow the exchange of personal data,
    how many have data-protection clauses, and that share (%). One query."""
    counts = agreements_in_force(day).aggregate(
        in_force=Count("id"),
        allowing_personal_data=Count("id", filter=Q(allows_personal_data=True)),
        with_data_protection_clauses=Count("id", filter=Q(data_protection_clauses=True)),
    )
    counts["share_with_clauses"] = rate(counts["with_data_protection_clauses"], counts["in_force"])
    return counts


def agreements_with_data_protection(as_of):
    """Share (%) of the agreements in force on `as_of` with data-protection clauses (COOP-3.1).

    Over every agreement in force, not only those that allow personal data: those must have
    clauses (Agreement's rule), so that share would always be 100%."""
    return data_protection_figures(as_of)["share_with_clauses"]


def agreements_expiring(today, days):
    """Published agreements in force whose last day in force comes within `days` days."""
    return published_by(Agreement.objects, today).expiring_within(days, today)


# --- stakeholder dialogue (COOP-1) --------------------------------------------------------


def dialogues_in_year(as_of):
    """Dialogue events held in the twelve months to `as_of` (COOP-1.1)."""
    return StakeholderDialogue.objects.held_in_year_to(as_of).count()


def dialogues_by_year(day):
    """{year: dialogue events held} up to `day`."""
    rows = (
        StakeholderDialogue.objects.filter(held_on__lte=day)
        .values_list("held_on__year")
        .annotate(count=Count("id"))
        .order_by("held_on__year")
    )
    return dict(rows)


def _actions_due(start, end):
    """Follow-up actions due between `start` and `end` (both included), dropped ones aside."""
    return FollowUpAction.objects.filter(due__gte=start, due__lte=end).exclude(
        status=ActionStatus.DROPPED
    )


def _on_time(actions):
    counts = actions.aggregate(
        actions_due=Count("id"),
        actions_on_time=Count("id", filter=Q(done_on__isnull=False, done_on__lte=F("due"))),
    )
    return counts["actions_due"], counts["actions_on_time"]


def follow_up_on_time(start, end):
    """Of the follow-up actions due in [start, end] (dropped ones aside), how many were done by
    their due date, and that share (%)."""
    due, on_time = _on_time(_actions_due(start, end))
    return {"due": due, "done_on_time": on_time, "share_on_time": rate(on_time, due)}


def follow_up_actions_on_time(as_of):
    """Share (%) of the follow-up actions due in the twelve months to `as_of` that were done
    by their due date (COOP-1.2); None when none fell due."""
    return follow_up_on_time(twelve_months_to(as_of), as_of)["share_on_time"]


def follow_up_by_year(day):
    """{year of the dialogue: (actions due by `day`, done on time)}, dropped ones aside."""
    rows = (
        _actions_due(EARLIEST, day)
        .values_list("dialogue__held_on__year")
        .annotate(
            actions_due=Count("id"),
            actions_on_time=Count("id", filter=Q(done_on__isnull=False, done_on__lte=F("due"))),
        )
        .order_by("dialogue__held_on__year")
    )
    return {year: (due, on_time) for year, due, on_time in rows}


# --- political outreach (COOP-2) ----------------------------------------------------------


def outreach_actions_in_year(as_of):
    """Political outreach actions in the twelve months to `as_of` (COOP-2.1)."""
    return OutreachAction.objects.held_in_year_to(as_of).count()


def outreach_by_year(day):
    """{year: outreach actions} up to `day`."""
    rows = (
        OutreachAction.objects.filter(held_on__lte=day)
        .values_list("held_on__year")
        .annotate(count=Count("id"))
        .order_by("held_on__year")
    )
    return dict(rows)


def outreach_by_region(start, end):
    """[(region code, region name, outreach actions)] held in [start, end], and the count of
    actions addressed to no region in particular (None, "All regions", n) last. An action counts
    in its region, else in the regions of the members it reached. Two queries."""
    reached = defaultdict(set)
    rows = OutreachAction.objects.held_between(start, end).values_list(
        "id", "region_id", "members__region_id"
    )
    for action_id, region_id, member_region_id in rows:
        reached[action_id]
        if region_id is not None:
            reached[action_id].add(region_id)
        elif member_region_id is not None:
            reached[action_id].add(member_region_id)
    counts = Counter(region for regions in reached.values() for region in regions)
    everywhere = sum(1 for regions in reached.values() if not regions)
    result = [
        (region.code, region.name, counts.get(region.pk, 0))
        for region in Region.objects.order_by("code")
    ]
    return [*result, (None, "All regions", everywhere)]


# --- information exchanges: aggregate counts only -----------------------------------------


def exchange_counts(start, end):
    """Counts of the information exchanges dated in [start, end]: in all, per year, per
    category and with or without personal data. Counts only, whoever asks: never an exchange's
    parties, agreement or details. Three queries."""
    exchanges = InformationExchange.objects.dated_between(start, end)
    by_year = dict(
        exchanges.values_list("date__year").annotate(count=Count("id")).order_by("date__year")
    )
    by_category = dict(
        exchanges.values_list("category").annotate(count=Count("id")).order_by("category")
    )
    personal = dict(
        exchanges.values_list("personal_data").annotate(count=Count("id")).order_by("personal_data")
    )
    return {
        "total": sum(by_year.values()),
        "by_year": [{"year": year, "count": count} for year, count in by_year.items()],
        "by_category": {c.value: by_category.get(c.value, 0) for c in ExchangeCategory},
        "personal_data": {"yes": personal.get(True, 0), "no": personal.get(False, 0)},
    }
