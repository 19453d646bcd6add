"""The capacity-building work that spans several records, and its figures: projects' life
(activate, close, funding and evaluations withdrawn), the follow-up of diagnostic
recommendations, project evaluation, funding breakdowns, and donor coordination (overlaps
between donors, gaps between members' needs and the projects that answer them).

The figures are filtered and summed in the database, each a fixed number of queries whatever
the number of records. Members' submissions (instrument uptake, training) count once published
by the day asked about; the secretariat's registers (projects, funding, missions, evaluations)
count as they stand, by their own dates.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Avg, Count, Q, Sum

from capacity.choices import FollowUp, ProjectStatus
from capacity.models import SDG, Evaluation, Funding, Project, Recommendation
from core.figures import rate
from core.models import Member, Region, StrategicArea
from core.registry import needs
from core.roles import is_secretariat, member_ids_for

ZERO = Decimal("0.00")

# --- a project's life -----------------------------------------------------------------------


@transaction.atomic
def activate(project, by=None):
    """Start the project: it must be aligned with a strategic plan (or say why not) and have a
    beneficiary and a funder. Raises ValidationError naming the field; changes nothing then."""
    project.status = ProjectStatus.ACTIVE
    project.full_clean()
    project.stamp(by)
    project.save()
    project.check_resources()
    return project


@transaction.atomic
def close(project, end, by=None):
    """Close the project on `end`: it must have been evaluated."""
    project.status = ProjectStatus.CLOSED
    project.end = end
    project.full_clean()
    project.stamp(by)
    project.save()
    return project


@transaction.atomic
def withdraw_funding(funding):
    """Remove a funding row, unless it is the last funder of an active project."""
    project = funding.project
    funding.delete()
    project.check_resources()


@transaction.atomic
def remove_evaluation(evaluation):
    """Remove an evaluation, unless it is the only one of a closed project."""
    evaluation.check_removal()
    evaluation.delete()


# --- follow-up of diagnostic recommendations -----------------------------------------------


@dataclass
class FollowUpFigures:
    """Recommendations due by a day (not dropped) and those of them done by then."""

    due: int = 0
    done: int = 0
    overdue: int = 0

    @property
    def rate(self):
        return rate(self.done, self.due)

    def as_dict(self):
        return {"due": self.due, "done": self.done, "overdue": self.overdue, "rate": self.rate}


def _recommendations(recommendations):
    return recommendations if recommendations is not None else Recommendation.objects.all()


def follow_up(day, recommendations=None):
    """The follow-up rate on `day`: of the recommendations due by `day` (made by missions begun
    by then, and not dropped), the share (%) done on or before `day`; with the number overdue
    (open or in progress past their due date). None as the rate when nothing was due."""
    recommendations = _recommendations(recommendations)
    counts = recommendations.due_by(day).aggregate(
        due=Count("id"), done=Count("id", filter=Q(follow_up=FollowUp.DONE, done_on__lte=day))
    )
    return FollowUpFigures(
        due=counts["due"], done=counts["done"], overdue=recommendations.overdue(day).count()
    )


def follow_up_by_member(day, recommendations=None):
    """[(member, FollowUpFigures)] on `day`, by member name, for the members with a
    recommendation due; pass `recommendations` scoped to a user to list only what it reads."""
    recommendations = _recommendations(recommendations)
    rows = (
        recommendations.due_by(day)
        .values_list("member_id")
        .annotate(
            due=Count("id"),
            done=Count("id", filter=Q(follow_up=FollowUp.DONE, done_on__lte=day)),
        )
    )
    overdue = dict(recommendations.overdue(day).values_list("member_id").annotate(Count("id")))
    figures = {
        member_id: FollowUpFigures(due, done, overdue.get(member_id, 0))
        for member_id, due, done in rows
    }
    members = Member.objects.filter(pk__in=figures).select_related("region").order_by("name")
    return [(member, figures[member.pk]) for member in members]


def overdue_recommendations(day, recommendations=None):
    """The recommendations open on `day` past their due date, the longest overdue first."""
    return (
        _recommendations(recommendations)
        .overdue(day)
        .select_related("member", "mission", "area")
        .order_by("due", "id")
    )


def recommendations_followed_up(as_of):
    """CB-1.2: the follow-up rate of diagnostic recommendations, all members (%)."""
    return follow_up(as_of).rate


# --- projects: alignment and evaluation -----------------------------------------------------


def active_projects_aligned(as_of):
    """CB-2.1: of the projects running on `as_of`, the share (%) aligned with a member
    strategic plan (naming the plan; those saying why they are not aligned count against)."""
    counts = Project.objects.active_on(as_of).aggregate(
        running=Count("id"), aligned=Count("id", filter=~Q(strategic_plan=""))
    )
    return rate(counts["aligned"], counts["running"])


def evaluation_coverage(as_of):
    """Projects that ended by `as_of` (active or closed, their end date come) and those of them
    evaluated by then. A closed project is always evaluated (the rule of closing); an ended
    project awaiting its evaluation is not yet closed, and counts as not evaluated."""
    evaluated = Evaluation.objects.filter(evaluated_on__lte=as_of).values("project_id")
    return Project.objects.ended_by(as_of).aggregate(
        ended=Count("id"), evaluated=Count("id", filter=Q(pk__in=evaluated))
    )


def ended_projects_evaluated(as_of):
    """CB-1.1: the share (%) of projects ended by `as_of` that were evaluated by then."""
    counts = evaluation_coverage(as_of)
    return rate(counts["evaluated"], counts["ended"])


def mean_scores(evaluations):
    """{criterion: mean score (1 to 4, two decimals) or None} over `evaluations`."""
    means = evaluations.aggregate(**{c: Avg(c) for c in Evaluation.CRITERIA})
    return {c: round(means[c], 2) if means[c] is not None else None for c in Evaluation.CRITERIA}


# --- funding --------------------------------------------------------------------------------


def _fundings(first_year=None, last_year=None):
    fundings = Funding.objects.all()
    if first_year is not None:
        fundings = fundings.filter(year__gte=first_year)
    if last_year is not None:
        fundings = fundings.filter(year__lte=last_year)
    return fundings


def _sums(queryset):
    return queryset.annotate(
        committed_eur_sum=Sum("committed_eur"), disbursed_eur_sum=Sum("disbursed_eur")
    )


def _spread(by_project, links, labels):
    """Sum each project's amounts into every group it belongs to (`links`: project -> group
    keys); `labels`: [(key, name)] in the order to report, every group listed."""
    totals = defaultdict(lambda: [ZERO, ZERO, 0])
    for project_id, keys in links.items():
        committed, disbursed = by_project.get(project_id, (ZERO, ZERO))
        for key in keys:
            totals[key][0] += committed
            totals[key][1] += disbursed
            totals[key][2] += 1
    return [
        {
            "code": key,
            "name": name,
            "committed_eur": totals[key][0] if key in totals else ZERO,
            "disbursed_eur": totals[key][1] if key in totals else ZERO,
            "projects": totals[key][2] if key in totals else 0,
        }
        for key, name in labels
    ]


def _links(through, project_ids, key):
    links = defaultdict(set)
    for project_id, value in (
        through.objects.filter(project_id__in=project_ids).values_list("project_id", key).distinct()
    ):
        links[project_id].add(value)
    return links


def funding_breakdown(first_year=None, last_year=None):
    """Funding committed and disbursed in euros, for the funding years asked (all when left
    out): in total, per donor, per year, and per strategic area, region and SDG. A project that
    serves several areas, benefits members of several regions or contributes to several SDGs
    counts in full in each: the rows of those three breakdowns may add up to more than the
    total. Ten queries whatever the number of records."""
    fundings = _fundings(first_year, last_year)
    totals = fundings.aggregate(
        committed_eur=Sum("committed_eur"), disbursed_eur=Sum("disbursed_eur")
    )
    by_donor = _sums(fundings.values("donor_id", "donor__name", "donor__kind")).order_by(
        "donor__name"
    )
    by_year = _sums(fundings.values("year")).order_by("year")
    by_project = {
        row["project_id"]: (row["committed_eur_sum"], row["disbursed_eur_sum"])
        for row in _sums(fundings.values("project_id"))
    }
    project_ids = fundings.values("project_id")
    areas = _links(Project.commitments.through, project_ids, "commitment__area__code")
    regions = _links(Project.beneficiaries.through, project_ids, "member__region__code")
    sdgs = _links(Project.sdgs.through, project_ids, "sdg__number")
    return {
        "first_year": first_year,
        "last_year": last_year,
        "committed_eur": totals["committed_eur"] or ZERO,
        "disbursed_eur": totals["disbursed_eur"] or ZERO,
        "by_donor": [
            {
                "donor": row["donor_id"],
                "name": row["donor__name"],
                "kind": row["donor__kind"],
                "committed_eur": row["committed_eur_sum"],
                "disbursed_eur": row["disbursed_eur_sum"],
            }
            for row in by_donor
        ],
        "by_year": [
            {
                "year": row["year"],
                "committed_eur": row["committed_eur_sum"],
                "disbursed_eur": row["disbursed_eur_sum"],
            }
            for row in by_year
        ],
        "by_area": _spread(
            by_project,
            areas,
            StrategicArea.objects.order_by("position").values_list("code", "title"),
        ),
        "by_region": _spread(
            by_project, regions, Region.objects.order_by("code").values_list("code", "name")
        ),
        "by_sdg": _spread(
            by_project, sdgs, SDG.objects.order_by("number").values_list("number", "title")
        ),
    }


def _sdg_fundings(as_of):
    """Funding of projects contributing to at least one SDG, for the years up to `as_of`'s
    (a year's disbursement counts from that year on)."""
    contributing = Project.objects.filter(sdgs__isnull=False).values("pk")
    return Funding.objects.filter(project__in=contributing, year__lte=as_of.year)


def sdg_funding_disbursed(as_of):
    """CB-3.2: euros disbursed, in all the years up to `as_of`'s, by projects contributing to
    at least one SDG (each euro once, however many SDGs its project serves); None before any."""
    total = _sdg_fundings(as_of).aggregate(total=Sum("disbursed_eur"))["total"]
    return total


def sdg_funding_by_goal(as_of):
    """[(SDG, euros disbursed up to `as_of`'s year by projects contributing to it)], every
    goal listed; a project contributing to several goals counts in full for each."""
    disbursed = dict(
        Funding.objects.filter(year__lte=as_of.year, project__sdgs__isnull=False)
        .values_list("project__sdgs")
        .annotate(total=Sum("disbursed_eur"))
    )
    return [(sdg, disbursed.get(sdg.pk) or ZERO) for sdg in SDG.objects.order_by("number")]


# --- donor coordination ---------------------------------------------------------------------


def overlaps(start, end=None):
    """Members where two or more donors fund different projects serving the same strategic area
    at the same time, within [start, end] (`end` defaults to `start`: one day).

    A project runs from its start to its end (open-ended while active); two projects overlap
    when they run on a common day in the window. Donors co-funding one project are coordinated
    by that project and are not an overlap. Returns, by member and area, [{member, area,
    donors, projects}], with names. One query."""
    end = end or start
    rows = (
        Project.objects.active_between(start, end)
        .filter(beneficiaries__isnull=False, commitments__isnull=False, fundings__isnull=False)
        .values_list(
            "pk",
            "code",
            "start",
            "end",
            "beneficiaries__code",
            "beneficiaries__name",
            "commitments__area__code",
            "fundings__donor_id",
            "fundings__donor__name",
        )
        .distinct()
    )
    groups = defaultdict(set)
    names = {}
    for pk, code, p_start, p_end, member, member_name, area, donor, donor_name in rows:
        names[member] = member_name
        first = max(p_start, start)
        last = min(p_end, end) if p_end else end
        groups[(member, area)].add((pk, code, donor, donor_name, first, last))
    found = []
    for (member, area), fundings in sorted(groups.items()):
        donors, projects = set(), set()
        fundings = sorted(fundings)
        for i, (pk_a, code_a, donor_a, name_a, first_a, last_a) in enumerate(fundings):
            for pk_b, code_b, donor_b, name_b, first_b, last_b in fundings[i + 1 :]:
                if pk_a == pk_b or donor_a == donor_b:
                    continue
                if max(first_a, first_b) <= min(last_a, last_b):
                    donors |= {name_a, name_b}
                    projects |= {code_a, code_b}
        if len(donors) >= 2:
            found.append(
                {
                    "member": member,
                    "member_name": names[member],
                    "area": area,
                    "donors": sorted(donors),
                    "projects": sorted(projects),
                }
            )
    return found


def covered_needs(as_of):
    """{(member id, area code)} that a project running on `as_of` covers: the member is among
    its beneficiaries and the project serves the area (through one of its commitments)."""
    return set(
        Project.objects.active_on(as_of)
        .filter(beneficiaries__isnull=False, commitments__isnull=False)
        .values_list("beneficiaries", "commitments__area__code")
        .distinct()
    )


def gaps(as_of):
    """Members' assistance needs on `as_of` that no running project covers, by member: the
    needs every area contributes to core's registry (open high-priority diagnostic
    recommendations, TFA category C measures awaiting assistance, ...). A need is covered when a
    project running on `as_of` has the member among its beneficiaries and serves the need's
    area. Returns [(member, [Need])] by member name."""
    covered = covered_needs(as_of)
    uncovered = defaultdict(list)
    for need in needs(as_of):
        if (need.member_id, need.area_code) not in covered:
            uncovered[need.member_id].append(need)
    members = Member.objects.filter(pk__in=uncovered).select_related("region").order_by("name")
    return [(member, uncovered[member.pk]) for member in members]


@dataclass
class VisibleGaps:
    """The gaps as one user may read them: `members` [(member, [Need])] lists only the needs it
    may read; of the others it learns only how many there are and of how many members."""

    members: list
    hidden_needs: int = 0
    hidden_members: int = 0


def gaps_for(user, as_of):
    """The gaps on `as_of` that `user` may read (the one rule for pages and API): a diagnostic
    recommendation's need when the user reads the recommendation (its mission), any other need
    when it is `public` or the user is its member's or the secretariat. A need the user may not
    read shows nothing of itself, not even its member, area or kind: it is only counted."""
    found = gaps(as_of)
    references = {
        int(need.reference)
        for _, listed in found
        for need in listed
        if need.kind == "recommendation"
    }
    readable = set()
    if references:
        readable = {
            str(pk)
            for pk in Recommendation.objects.for_user(user)
            .filter(pk__in=references)
            .values_list("pk", flat=True)
        }

    def may_read(need):
        if need.kind == "recommendation":
            return need.reference in readable
        return need.public or is_secretariat(user) or need.member_id in member_ids_for(user)

    visible = VisibleGaps(members=[])
    for member, listed in found:
        shown = [need for need in listed if may_read(need)]
        if len(shown) < len(listed):
            visible.hidden_needs += len(listed) - len(shown)
            visible.hidden_members += 1
        if shown:
            visible.members.append((member, shown))
    return visible
