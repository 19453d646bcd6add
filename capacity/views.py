"""Browser pages of the capacity-building area beyond its registers' generic pages (declared
in `capacity.registers`): the area at a glance, donor coordination, the follow-up of diagnostic
recommendations and a member's follow-up form, and the few register pages that show or do more.

Diagnostic missions are restricted by default: a recommendation is read by whoever reads its
mission. Donor coordination shows members' assistance needs (core's registry) in words only to
those who may read them: the secretariat, the need's own member, and everyone for a need marked
`public`; the others see how many there are.

The figures' pages call the services, a fixed number of queries each; lists fetch what their
rows show alongside, so a page costs the same whatever its length (docs/architecture.md)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import TemplateView, UpdateView

from capacity import services
from capacity.choices import DonorKind, Uptake
from capacity.forms import CoordinationForm, DayForm, FollowUpForm
from capacity.models import (
    DiagnosticMission,
    Evaluation,
    Funding,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.charts import bar_chart
from core.choices import WorkflowStatus
from core.figures import MINIMUM_MEMBERS, rate
from core.models import Commitment, StrategicArea
from core.progress import ProgrammeSnapshot
from core.querysets import CHANGE, VIEW
from core.roles import acts_for_record, is_secretariat
from core.views import (
    MemberRecordCreateView,
    RecordDetailView,
    RecordFormMixin,
    RegisterListView,
    SecretariatCreateView,
    SecretariatEditView,
    SharedRecordMixin,
)

# Overdue recommendations listed on the area page and on the follow-up page.
OVERDUE_SHOWN = 20
OVERDUE_LISTED = 100
DONOR_KINDS = dict(DonorKind.choices)

# --- figures shared by the area, coordination and follow-up pages ----------------------------


def area_names():
    return dict(StrategicArea.objects.values_list("code", "title"))


def visible_gaps(user, day, areas):
    """Members' needs no running project covers on `day`, as `user` may read them
    (services.gaps_for): ([(member, [(need, area title)])], needs hidden, members with hidden
    needs)."""
    found = services.gaps_for(user, day)
    shown = [
        (member, [(need, areas.get(need.area_code, need.area_code)) for need in needs])
        for member, needs in found.members
    ]
    return shown, found.hidden_needs, found.hidden_members


def overlap_rows(day_from, day_to, areas):
    return [
        {**row, "area_name": areas.get(row["area"], row["area"])}
        for row in services.overlaps(day_from, day_to)
    ]


# A region's follow-up figures come from restricted diagnostics: beyond the secretariat, they
# are computed over the recommendations the user reads only (else a region's total less the
# members' rows shown would tell an unread member's figures), and show only when they cover
# enough members (core.figures.MINIMUM_MEMBERS, as the report does).


def readable_follow_up(user):
    """The recommendations a page's region figures count for `user`: all of them for the
    secretariat (it reads every figure, the report's too), else those it reads."""
    if is_secretariat(user):
        return None
    return Recommendation.objects.for_user(user, VIEW)


def follow_up_by_region(day, user):
    """[(region, FollowUpFigures or None, members)] over the recommendations whose figures the
    user may see (`readable_follow_up`), by region name: None when the user is not the
    secretariat and fewer than MINIMUM_MEMBERS members of the region had a recommendation due."""
    regions = {}
    for member, figures in services.follow_up_by_member(day, readable_follow_up(user)):
        total, members = regions.get(member.region, (services.FollowUpFigures(), 0))
        total.due += figures.due
        total.done += figures.done
        total.overdue += figures.overdue
        regions[member.region] = (total, members + 1)
    everything = is_secretariat(user)
    return [
        (region, figures if everything or members >= MINIMUM_MEMBERS else None, members)
        for region, (figures, members) in sorted(regions.items(), key=lambda i: i[0].name)
    ]


def follow_up_chart(rows, title):
    """Bars of the follow-up rate of each region shown ([(region, figures or None, members)])."""
    return bar_chart(
        [
            (region.name, (figures.rate or 0) / 100, "on_track")
            for region, figures, _ in rows
            if figures is not None
        ],
        title=title,
    )


def amounts_chart(rows, title):
    """Bars of euros ([(label, euros)]), the longest the largest."""
    rows = [(label, float(value or 0)) for label, value in rows]
    most = max((value for _, value in rows), default=0)
    return bar_chart(
        [(label, value, None) for label, value in rows],
        title=title,
        maximum=most or 1,
        percent=False,
    )


# --- the area page ---------------------------------------------------------------------------


class AreaView(TemplateView):
    """Capacity building at a glance: its commitments (CB-1 to CB-3), key figures of today,
    funding by year and by SDG, the follow-up of diagnostic recommendations by region, the
    overdue recommendations the user may read, and donor coordination (overlaps and gaps)."""

    template_name = "capacity/area.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        snapshot = ProgrammeSnapshot(
            today=today, commitments=Commitment.objects.filter(area__code="capacity")
        )
        funding = services.funding_breakdown()
        followed = services.follow_up(today)
        by_region = follow_up_by_region(today, user)
        readable = Recommendation.objects.for_user(user, VIEW)
        overdue = services.overdue_recommendations(today, readable)
        coverage = services.evaluation_coverage(today)
        areas = area_names()
        gaps, hidden_needs, hidden_members = visible_gaps(user, today, areas)
        context.update(
            today=today,
            area_state=snapshot.area_states[0] if snapshot.area_states else None,
            figures={
                "active_projects": Project.objects.active_on(today).count(),
                "aligned": services.active_projects_aligned(today),
                "follow_up": followed,
                "coverage": coverage,
                "evaluated": rate(coverage["evaluated"], coverage["ended"]),
                "committed_eur": funding["committed_eur"],
                "disbursed_eur": funding["disbursed_eur"],
            },
            by_year=funding["by_year"],
            year_chart=amounts_chart(
                [(str(row["year"]), row["disbursed_eur"]) for row in funding["by_year"]],
                "Funding disbursed by year (EUR)",
            ),
            sdg_chart=amounts_chart(
                [
                    (f"SDG {sdg.number} {sdg.title}", euros)
                    for sdg, euros in services.sdg_funding_by_goal(today)
                ],
                f"Funding disbursed by projects contributing to each SDG, to {today.year} (EUR)",
            ),
            follow_up_regions=by_region,
            minimum_members=MINIMUM_MEMBERS,
            follow_up_chart=follow_up_chart(
                by_region,
                f"Recommendations due that were done, by region, {today:%d %B %Y}",
            ),
            overdue=list(overdue[:OVERDUE_SHOWN]),
            overdue_count=overdue.count(),
            overlaps=overlap_rows(today, today, areas),
            gaps=gaps,
            hidden_needs=hidden_needs,
            hidden_members=hidden_members,
        )
        return context


class CoordinationView(TemplateView):
    """Donor coordination: members where two or more donors fund projects serving the same
    area at the same time (in a window, today by default), members' needs no running project
    covers, and funding by donor, year, area, region and SDG (funding years, all by default)."""

    template_name = "capacity/coordination.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CoordinationForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            return context
        data = form.cleaned_data
        areas = area_names()
        gaps, hidden_needs, hidden_members = visible_gaps(self.request.user, data["end"], areas)
        funding = services.funding_breakdown(data["first_year"], data["last_year"])
        context.update(
            window=(data["start"], data["end"]),
            overlaps=overlap_rows(data["start"], data["end"], areas),
            gaps=gaps,
            hidden_needs=hidden_needs,
            hidden_members=hidden_members,
            funding=funding,
            donors=[
                {**row, "kind_label": DONOR_KINDS.get(row["kind"], row["kind"])}
                for row in funding["by_donor"]
            ],
            donor_chart=amounts_chart(
                [(row["name"], row["committed_eur"]) for row in funding["by_donor"]],
                "Funding committed by donor (EUR)",
            ),
        )
        return context


class FollowUpView(TemplateView):
    """The follow-up of diagnostic recommendations on a day (`?at=`, today by default): the
    rate over all members, by region, by member for the recommendations the user may read, and
    those overdue."""

    template_name = "capacity/follow_up.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DayForm(self.request.GET)
        context["form"] = form
        if not form.is_valid():
            return context
        day = form.cleaned_data["at"]
        readable = Recommendation.objects.for_user(self.request.user, VIEW)
        by_region = follow_up_by_region(day, self.request.user)
        overdue = services.overdue_recommendations(day, readable)
        context.update(
            day=day,
            overall=services.follow_up(day),
            regions=by_region,
            minimum_members=MINIMUM_MEMBERS,
            members=services.follow_up_by_member(day, readable),
            overdue=list(overdue[:OVERDUE_LISTED]),
            overdue_count=overdue.count(),
            chart=follow_up_chart(
                by_region,
                f"Recommendations due that were done, by region, {day:%d %B %Y}",
            ),
        )
        return context


# --- a recommendation's follow-up, by its member -----------------------------------------------


class FollowUpEditView(LoginRequiredMixin, RecordFormMixin, UpdateView):
    """Its member (or the secretariat) updates a recommendation's follow-up, and nothing else
    (`Recommendation.check_change`). Out of the user's sight: 404; another member's: 403."""

    model = Recommendation
    form_class = FollowUpForm
    template_name = "capacity/follow_up_form.html"

    def get_object(self, queryset=None):
        user = self.request.user
        recommendation = get_object_or_404(
            Recommendation.objects.for_user(user, VIEW).select_related("member", "mission"),
            pk=self.kwargs["pk"],
        )
        if not acts_for_record(user, recommendation):
            raise PermissionDenied("Only the recommendation's member updates its follow-up.")
        return recommendation

    def form_valid(self, form):
        Recommendation.check_change(self.request.user, form.changed_data)
        return super().form_valid(form)


# --- register lists -------------------------------------------------------------------------


class DonorListView(RegisterListView):
    """Donors with the projects they fund and their funding in euros, summed in the database."""

    def with_related(self, queryset):
        return queryset.annotate(
            committed_eur=Sum("fundings__committed_eur"),
            disbursed_eur=Sum("fundings__disbursed_eur"),
            projects=Count("fundings__project", distinct=True),
        )


def funding_sum(field):
    """A project's total funding in euros, as a subquery (safe beside the filters' joins)."""
    return Subquery(
        Funding.objects.filter(project=OuterRef("pk"))
        .values("project")
        .annotate(total=Sum(field))
        .values("total")
    )


class ProjectListView(RegisterListView):
    """Projects with their funding in euros."""

    def with_related(self, queryset):
        return queryset.annotate(
            committed_eur=funding_sum("committed_eur"),
            disbursed_eur=funding_sum("disbursed_eur"),
        )


class MissionListView(RegisterListView):
    """Only the missions `for_user` gives (the user's own members', those granted to it, public
    ones, and for the secretariat all but confidential ones it was not named to), with how many
    recommendations each made."""

    def with_related(self, queryset):
        return queryset.annotate(recommendation_count=Count("recommendations"))


class InstrumentListView(RegisterListView):
    """The WCO instruments, with the members that published their uptake and the reviews of
    each (counted in the database)."""

    def with_related(self, queryset):
        published = Q(uptakes__status=WorkflowStatus.PUBLISHED)
        return queryset.annotate(
            taken_up=Count(
                "uptakes",
                filter=published & Q(uptakes__uptake__in=[Uptake.APPLIED, Uptake.ACCEDED]),
                distinct=True,
            ),
            in_progress=Count(
                "uptakes",
                filter=published & Q(uptakes__uptake=Uptake.IN_PROGRESS),
                distinct=True,
            ),
            review_count=Count("reviews", distinct=True),
        )


# --- record pages that show more than their facts --------------------------------------------


class DonorDetailView(RecordDetailView):
    """A donor or partner, with its funding of projects year by year."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fundings = self.object.fundings.select_related("project").order_by("-year", "project__code")
        context["fundings"] = list(fundings)
        context["totals"] = fundings.aggregate(
            committed=Sum("committed_eur"), disbursed=Sum("disbursed_eur")
        )
        return context


class ProjectDetailView(RecordDetailView):
    """A project with its funding, its evaluations (and their mean scores) and the training
    delivered under it that the user may read."""

    def get_queryset(self):
        # Beneficiaries are shown with their region.
        return super().get_queryset().prefetch_related("beneficiaries__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        fundings = project.fundings.select_related("donor").order_by("year", "donor__name")
        evaluations = project.evaluations.order_by("-evaluated_on")
        context.update(
            fundings=list(fundings),
            totals=fundings.aggregate(
                committed=Sum("committed"),
                disbursed=Sum("disbursed"),
                committed_eur=Sum("committed_eur"),
                disbursed_eur=Sum("disbursed_eur"),
            ),
            evaluations=list(evaluations),
            mean_scores=[
                (Evaluation._meta.get_field(c).verbose_name, score)
                for c, score in services.mean_scores(evaluations).items()
            ],
            areas=sorted({c.area for c in project.commitments.all()}, key=lambda a: a.position),
            training=list(
                TrainingActivity.objects.for_user(self.request.user, VIEW)
                .filter(project=project)
                .select_related("member")
            ),
        )
        return context


class MissionDetailView(SharedRecordMixin, RecordDetailView):
    """A diagnostic mission and its recommendations: its member and the secretariat also see
    who else may read it, and grant or revoke that."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recommendations"] = list(
            self.object.recommendations.select_related("area").order_by("due", "id")
        )
        context["may_follow_up"] = acts_for_record(self.request.user, self.object)
        return context


class RecommendationDetailView(RecordDetailView):
    """A recommendation, with the button to update its follow-up for its member."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_follow_up"] = acts_for_record(self.request.user, self.object)
        return context


class InstrumentDetailView(RecordDetailView):
    """An instrument, the uptakes the user may read and the secretariat's reviews."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        instrument = self.object
        uptakes = list(
            InstrumentUptake.objects.for_user(self.request.user, VIEW)
            .filter(instrument=instrument)
            .select_related("member__region")
            .order_by("member__name")
        )
        context["uptakes"] = uptakes
        context["uptake_counts"] = [
            (label, sum(1 for u in uptakes if u.uptake == value)) for value, label in Uptake.choices
        ]
        context["reviews"] = list(instrument.reviews.order_by("-reviewed_on"))
        return context


# --- forms that do more than the generic ones ------------------------------------------------
#
# `?field=value` pre-fills a new record from the page it is recorded from (a project's funding
# and evaluations, a mission's recommendations, an instrument's uptake and reviews).


class DonorCreateView(SecretariatCreateView):
    initial_from_query = ("kind",)


class RulesAfterSaveMixin:
    """Rules checked once a record and its links are saved (`Project.check_resources`) raise
    ValidationError inside the saving transaction: nothing is saved, and the errors show on
    the form."""

    def form_valid(self, form):
        adding = form.instance._state.adding
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            if adding:
                form.instance.pk = None
                form.instance._state.adding = True
                self.object = None
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)


class ProjectCreateView(RulesAfterSaveMixin, SecretariatCreateView):
    """A new project: what an active one has is checked once its links are saved."""


class ProjectEditView(RulesAfterSaveMixin, SecretariatEditView):
    """A project's change: what an active one has is checked once its links are saved."""


class ToProjectMixin:
    """A funding row has no page of its own: once saved, back to its project's, where it shows."""

    def success_url_for(self, record):
        return record.get_absolute_url()


class FundingCreateView(ToProjectMixin, SecretariatCreateView):
    initial_from_query = ("project", "donor", "year")


class FundingEditView(ToProjectMixin, SecretariatEditView):
    """A funding row's change, from its project's page."""


class MissionCreateView(SecretariatCreateView):
    initial_from_query = ("member", "tool")


class RecommendationFormMixin:
    """The missions to choose from: those the secretariat user may change."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["missions"] = DiagnosticMission.objects.for_user(self.request.user, CHANGE)
        return kwargs


class RecommendationCreateView(RecommendationFormMixin, SecretariatCreateView):
    initial_from_query = ("mission",)


class RecommendationEditView(RecommendationFormMixin, SecretariatEditView):
    """The secretariat's change of a recommendation (its member's is `FollowUpEditView`)."""


class EvaluationCreateView(SecretariatCreateView):
    initial_from_query = ("project",)


class ReviewCreateView(SecretariatCreateView):
    initial_from_query = ("instrument",)


class UptakeCreateView(MemberRecordCreateView):
    initial_from_query = ("instrument",)


class TrainingCreateView(MemberRecordCreateView):
    initial_from_query = ("project", "area")
