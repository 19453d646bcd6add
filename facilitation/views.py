"""Browser pages of the facilitation area beyond its registers' generic pages (declared in
`facilitation.registers`): the area at a glance, TFA implementation on any day and the
measure-by-member matrix, revising a standard, and the few register pages that show more.

The figures' pages call the services, a fixed number of queries each: a page costs the same
whatever the number of members or records."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from core.charts import bar_chart
from core.choices import WorkflowStatus
from core.models import Commitment, Member
from core.progress import ProgrammeSnapshot
from core.querysets import CHANGE, VIEW
from core.registry import Period
from core.views import (
    MemberRecordCreateView,
    RecordDetailView,
    RegisterListView,
    SecretariatCreateView,
    SecretariatRequiredMixin,
    WorkflowDetailView,
)
from facilitation import report, services
from facilitation.choices import AdoptionStatus, BorderMode
from facilitation.forms import MatrixForm, RegionDayForm, StandardRevisionForm
from facilitation.models import EcommerceAdoption, EcommerceStandard, ReleaseTimeStudy, TFAMeasure

NO_DATE = "No date"


def schedule_chart(schedule, title):
    """Bars of the measures members committed to implement, by year ({year or None: count})."""
    most = max(schedule.values(), default=0)
    return bar_chart(
        [(str(year) if year else NO_DATE, count, None) for year, count in schedule.items()],
        title=title,
        maximum=most or 1,
        percent=False,
    )


def regions_chart(regions, title):
    """Bars of the implementation rate ({region: Implementation}) of each region."""
    return bar_chart(
        [(region.name, (figures.rate or 0) / 100, "on_track") for region, figures in regions],
        title=title,
    )


def query_data(request):
    """The GET parameters of a figures' page, with region codes in capitals."""
    data = request.GET.copy()
    if data.get("region"):
        data["region"] = data["region"].strip().upper()
    return data


# --- the area page ---------------------------------------------------------------------------


class AreaView(TemplateView):
    """Trade facilitation at a glance: its commitments, key figures of the year to date, TFA
    implementation by region and what members committed to implement next, release times and
    the adoption of the e-commerce standards."""

    template_name = "facilitation/area.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        period = Period(date(today.year, 1, 1), today)
        figures = report.summary(period)
        snapshot = ProgrammeSnapshot(
            today=today, commitments=Commitment.objects.filter(area__code="facilitation")
        )
        trends = services.release_trends(today)
        schedule = {row["year"]: row["measures"] for row in figures["tfa"]["schedule"]}
        context.update(
            today=today,
            period=period,
            figures=figures,
            area_state=snapshot.area_states[0] if snapshot.area_states else None,
            regions_chart=bar_chart(
                [
                    (r["name"], (r["rate"] or 0) / 100, "on_track")
                    for r in figures["tfa"]["regions"]
                ],
                title=f"TFA implementation rate by region, {today:%d %B %Y}",
            ),
            schedule=[(year or NO_DATE, count) for year, count in schedule.items()],
            schedule_chart=schedule_chart(
                schedule, "TFA measures members committed to implement, by year"
            ),
            grown=[(t, BorderMode(t.mode).label) for t in trends if t.grew],
            adoption=adoption_rows(services.adoption_by_standard(today)),
            adoption_statuses=AdoptionStatus.choices,
        )
        return context


def adoption_rows(by_standard):
    """[(standard, [members at each adoption status, in AdoptionStatus order], behind)]."""
    return [
        (standard, [counts.get(status, 0) for status in AdoptionStatus.values], behind)
        for standard, counts, behind in by_standard
    ]


# --- TFA implementation ----------------------------------------------------------------------


class ImplementationView(TemplateView):
    """The TFA implementation rate on a day, past or future (`?at=`), the WTO's way: overall,
    per region, per member (`?region=` narrows the members) and per measure, with the schedule
    of what members committed to implement after that day."""

    template_name = "facilitation/implementation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RegionDayForm(query_data(self.request))
        context["form"] = form
        if not form.is_valid():
            return context
        day, region = form.cleaned_data["at"], form.cleaned_data["region"]
        by_member = services.implementation_by_member(day)
        regions, overall = services.implementation_by_region(by_member)
        members = [(m, f) for m, f in by_member.items() if region is None or m.region == region]
        schedule = services.implementation_schedule(
            day, [m for m, _ in members] if region else None
        )
        context.update(
            day=day,
            region=region,
            today=timezone.localdate(),
            overall=overall,
            regions=list(regions.items()),
            members=members,
            measures=services.implementation_by_measure(day),
            schedule=[(year or NO_DATE, count) for year, count in schedule.items()],
            regions_chart=regions_chart(
                regions.items(), f"TFA implementation rate by region, {day:%d %B %Y}"
            ),
            schedule_chart=schedule_chart(
                schedule, f"Measures to implement after {day:%d %B %Y}, by year"
            ),
        )
        return context


class MatrixView(TemplateView):
    """Measure by member for one region (`?region=`, the first alphabetically by default) on a
    day (`?at=`, today by default): each member's category for each of the 36 measures and
    whether it counts as implemented on that day."""

    template_name = "facilitation/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = MatrixForm(query_data(self.request))
        context["form"] = form
        if not form.is_valid():
            return context
        day, region = form.cleaned_data["at"], form.cleaned_data["region"]
        if region is None:
            return context  # no region recorded at all
        members = list(Member.objects.filter(region=region, is_active=True).order_by("name"))
        measures = list(TFAMeasure.objects.order_by("position", "code"))
        cells = services.implementation_matrix(day, members)
        rows, totals = [], [0] * len(measures)
        for member in members:
            row = [cells.get((member.pk, measure.pk)) for measure in measures]
            for column, cell in enumerate(row):
                if cell and cell[1]:
                    totals[column] += 1
            implemented = sum(1 for cell in row if cell and cell[1])
            rows.append((member, row, implemented, services.rate(implemented, len(measures))))
        context.update(day=day, region=region, measures=measures, rows=rows, totals=totals)
        return context


# --- pages that show more than their register's generic page -------------------------------


class StandardListView(RegisterListView):
    """The standards, each with the members that published its full adoption and those whose
    published adoption refers to an older version (published adoptions are everyone's to read),
    counted in the database."""

    def with_related(self, queryset):
        published = Q(adoptions__status=WorkflowStatus.PUBLISHED)
        return queryset.annotate(
            fully=Count(
                "adoptions", filter=published & Q(adoptions__adoption_status=AdoptionStatus.FULLY)
            ),
            behind=Count("adoptions", filter=published & Q(adoptions__version__lt=F("version"))),
        )


class StudyDetailView(WorkflowDetailView):
    """A study, with the member's studies in the same border mode: its release times over the
    years."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        study = self.object
        # Only the studies the reader may see: the member's own, or those published.
        context["series"] = list(
            ReleaseTimeStudy.objects.for_user(self.request.user, VIEW)
            .filter(member=study.member_id, mode=study.mode)
            .order_by("year")
        )
        return context


class StandardDetailView(RecordDetailView):
    """A standard, with how many members published its adoption at each status and how many
    refer to an older version; the secretariat revises it from here."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standard = self.object
        published = EcommerceAdoption.objects.filter(
            standard=standard, status=WorkflowStatus.PUBLISHED
        )
        counts = dict(
            published.values_list("adoption_status").annotate(count=Count("id")).order_by()
        )
        context["adoption"] = [
            (value, label, counts.get(value, 0)) for value, label in AdoptionStatus.choices
        ]
        context["behind"] = published.filter(version__lt=standard.version).count()
        context["revision_form"] = StandardRevisionForm()
        return context


# New records: `?field=value` pre-fills the form (a standard's page links to a new adoption of
# it), and a user who may not report is told what a member administration reports.


class NotificationCreateView(MemberRecordCreateView):
    refusal = "Only a member administration notifies its TFA commitments."
    initial_from_query = ("measure", "category")


class StudyCreateView(MemberRecordCreateView):
    refusal = "Only a member administration reports its release-time studies."
    initial_from_query = ("mode", "year")


class AdoptionCreateView(MemberRecordCreateView):
    refusal = "Only a member administration reports its adoption of the standards."
    initial_from_query = ("standard",)


class ActivityCreateView(SecretariatCreateView):
    initial_from_query = ("partner", "kind")


# --- revising a standard ---------------------------------------------------------------------


class StandardReviseView(SecretariatRequiredMixin, FormView):
    """A new version of a standard from a date (`EcommerceStandard.revise`): members' adoptions
    keep the version they refer to. A refused revision is a form error; nothing changes."""

    form_class = StandardRevisionForm
    template_name = "facilitation/standard_revise.html"

    def get_standard(self):
        if not hasattr(self, "standard"):
            self.standard = get_object_or_404(
                EcommerceStandard.objects.for_user(self.request.user, CHANGE), pk=self.kwargs["pk"]
            )
        return self.standard

    def form_valid(self, form):
        standard = self.get_standard()
        try:
            with transaction.atomic():
                standard.revise(
                    form.cleaned_data["revised_on"],
                    self.request.user,
                    title=form.cleaned_data["title"] or None,
                )
        except ValidationError as exc:
            standard.refresh_from_db()
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Standard {standard.number} is at version {standard.version} from "
            f"{standard.revised_on:%d %B %Y}.",
        )
        return redirect(standard.get_absolute_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["standard"] = self.get_standard()
        context["area_links"] = "facilitation/_area_links.html"
        context["cancel_url"] = self.get_standard().get_absolute_url()
        return context
