"""Browser pages of the governance area beyond its registers' generic pages (declared in
`governance.registers`): the area at a glance, members' participation, a mandate's renewal and
a decision's publication, and the few register pages that show more than the generic ones.

The secretariat records and edits; member users respond to consultations for their own
administration; everyone reads what `for_user` gives them. Lists fetch what their rows show
with annotations, so a page costs the same number of queries whatever its length."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import TemplateView, View

from core.charts import bar_chart, line_chart
from core.models import Commitment, WorkflowConflict
from core.progress import ProgrammeSnapshot
from core.querysets import CHANGE, VIEW
from core.roles import is_secretariat, member_ids_for
from core.views import (
    MemberRecordCreateView,
    RecordDetailView,
    RegisterListView,
    SecretariatCreateView,
    SecretariatRequiredMixin,
    error_messages,
    safe_next,
)
from governance import alerts, report, services
from governance.choices import Presence
from governance.forms import ParticipationForm
from governance.models import ConsultationResponse, Decision, Mandate

TREND_YEARS = 5


def mark_renewals(mandates):
    """Set `renewed` and `renewable` on mandates (with their positions), in one query."""
    renewed = set(
        Mandate.objects.filter(previous__in=[m.pk for m in mandates])
        .order_by()
        .values_list("previous_id", flat=True)
    )
    for mandate in mandates:
        mandate.renewed = mandate.pk in renewed
        mandate.renewable = not mandate.renewed and mandate.term_number < mandate.position.max_terms
    return mandates


# --- the area page ---------------------------------------------------------------------------


class AreaView(TemplateView):
    """Better governance at a glance: its commitments, key figures, mandates to renew or fill,
    and members' participation by region and by year."""

    template_name = "governance/area.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        period = report.default_period(today)
        figures = report.summary(period)
        snapshot = ProgrammeSnapshot(
            today=today, commitments=Commitment.objects.filter(area__code="governance")
        )
        by_year = services.participation_by_year(
            list(range(today.year - TREND_YEARS + 1, today.year + 1))
        )
        context.update(
            today=today,
            period=period,
            figures=figures,
            area_state=snapshot.area_states[0] if snapshot.area_states else None,
            ending=mark_renewals(alerts.ending_mandates(today)),
            alert_days=alerts.ALERT_DAYS,
            regions_chart=bar_chart(
                [
                    (r["name"], (r["overall_rate"] or 0) / 100, "on_track")
                    for r in figures["participation_by_region"]
                ],
                title="Participation of members by region (meetings and consultations)",
            ),
            meetings_chart=line_chart(
                [(date(y, 12, 31), rate) for y, rate, _ in by_year if rate is not None],
                title="Participation in meetings, by year (%)",
                unit="%",
                width=540,
            ),
            responses_chart=line_chart(
                [(date(y, 12, 31), rate) for y, _, rate in by_year if rate is not None],
                title="Responses to consultations, by year (%)",
                unit="%",
                width=540,
            ),
        )
        return context


# --- register pages that show more than the generic ones -------------------------------------


class PositionListView(RegisterListView):
    """Positions, with who holds each today and until when."""

    def with_related(self, queryset):
        today = timezone.localdate()
        holders = Mandate.objects.current(today).filter(position=OuterRef("pk")).order_by("-start")
        return queryset.annotate(
            current_holder=Subquery(holders.values("holder")[:1]),
            current_end=Subquery(holders.values("end")[:1]),
        )


class MandateListView(RegisterListView):
    """Mandates; those in force say how many days they have left."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class MeetingListView(RegisterListView):
    """Meetings, with how many members took part in person or remotely, or were absent."""

    def with_related(self, queryset):
        return queryset.annotate(
            in_person=Count("attendances", filter=Q(attendances__presence=Presence.IN_PERSON)),
            remote=Count("attendances", filter=Q(attendances__presence=Presence.REMOTE)),
            absent=Count("attendances", filter=Q(attendances__presence=Presence.ABSENT)),
        )


class ConsultationListView(RegisterListView):
    """Consultations, with the responses the user may read and, for a member user, its own
    response or a link to respond while the consultation is open."""

    def with_related(self, queryset):
        user = self.request.user
        # Responses this user may read, counted in the database with the same scoping.
        visible = (
            ConsultationResponse.objects.for_user(user, VIEW)
            .filter(consultation=OuterRef("pk"))
            .order_by()
            .values("consultation")
            .annotate(count=Count("id"))
            .values("count")
        )
        queryset = queryset.annotate(responses_visible=Coalesce(Subquery(visible), 0))
        # The secretariat records responses from a consultation's page, not from this list.
        self.own_members = set() if is_secretariat(user) else member_ids_for(user)
        if self.own_members:
            queryset = queryset.annotate(
                own_response=Subquery(
                    ConsultationResponse.objects.filter(
                        consultation=OuterRef("pk"), member_id__in=self.own_members
                    ).values("pk")[:1]
                )
            )
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        if not self.own_members:
            context["table"].columns.hide("own_response")
        return context


class PositionDetailView(RecordDetailView):
    """A position, with its mandates and, for the secretariat, which of them to renew."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mandates = list(self.object.mandates.select_related("member").order_by("-start", "id"))
        context["mandates"] = mark_renewals(mandates)
        context["today"] = timezone.localdate()
        return context


class MandateDetailView(RecordDetailView):
    """A mandate, with the holder's previous and next terms, and whether it may be renewed."""

    def get_queryset(self):
        return super().get_queryset().select_related("previous")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mandate = self.object
        context["next_term"] = Mandate.objects.filter(previous=mandate).first()
        mandate.renewed = context["next_term"] is not None
        mandate.renewable = not mandate.renewed and mandate.term_number < mandate.position.max_terms
        context["today"] = timezone.localdate()
        return context


class MeetingDetailView(RecordDetailView):
    """A meeting, with the members' attendance and the decisions taken the user may read."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attendances = list(
            self.object.attendances.select_related("member__region").order_by("member__name")
        )
        counts = dict.fromkeys(Presence.values, 0)
        for attendance in attendances:
            counts[attendance.presence] += 1
        context["attendances"] = attendances
        context["counts"] = counts
        context["present"] = counts[Presence.IN_PERSON] + counts[Presence.REMOTE]
        context["decisions"] = list(
            Decision.objects.for_user(self.request.user, VIEW)
            .filter(meeting=self.object)
            .order_by("reference")
        )
        return context


class ConsultationDetailView(RecordDetailView):
    """A consultation, with the responses the user may read, the user's own responses and
    whether it may respond (while the consultation is open, once for each of its members)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        responses = list(
            ConsultationResponse.objects.for_user(user, VIEW)
            .filter(consultation=self.object)
            .select_related("member__region")
            .order_by("member__name")
        )
        own = member_ids_for(user)
        context["responses"] = responses
        context["own_responses"] = [r for r in responses if r.member_id in own]
        context["today"] = timezone.localdate()
        context["may_respond"] = is_secretariat(user) or (
            bool(own)
            and len(context["own_responses"]) < len(own)
            and self.object.opened_on <= context["today"] <= self.object.closes_on
        )
        return context


# `?field=value` pre-fills a new record from the page that links to the form: a body's new
# position, a position's new mandate, a meeting's new decision, a consultation's response.


class PositionCreateView(SecretariatCreateView):
    initial_from_query = ("body",)


class MandateCreateView(SecretariatCreateView):
    initial_from_query = ("position", "holder", "member")


class DecisionCreateView(SecretariatCreateView):
    initial_from_query = ("body", "meeting")


class MeetingCreateView(SecretariatCreateView):
    initial_from_query = ("body",)


class ResponseCreateView(MemberRecordCreateView):
    """A member user responds for its administration (the secretariat may record a response
    for any member); council users only read."""

    refusal = "Only a member administration responds to consultations."
    initial_from_query = ("consultation",)


# --- a mandate's renewal and a decision's publication ----------------------------------------


class MandateRenewView(SecretariatRequiredMixin, View):
    """POST: the holder's next term, or a message saying why it cannot be."""

    def post(self, request, pk):
        mandate = get_object_or_404(
            Mandate.objects.for_user(request.user, CHANGE).select_related("position__body"),
            pk=pk,
        )
        try:
            with transaction.atomic():
                following = mandate.renew(request.user)
        except (ValidationError, WorkflowConflict) as exc:
            error_messages(request, exc)
            return redirect(safe_next(request, mandate.get_absolute_url()))
        except IntegrityError:
            messages.error(request, "The position was taken meanwhile: the mandate is unchanged.")
            return redirect(safe_next(request, mandate.get_absolute_url()))
        messages.success(
            request,
            f"{following.holder} renewed as {following.position.title}: term "
            f"{following.term_number}, {following.start:%d %B %Y} to {following.end:%d %B %Y}.",
        )
        return redirect(safe_next(request, following.get_absolute_url()))


class DecisionPublishView(SecretariatRequiredMixin, View):
    """POST: publish a decision in the register, or say it is published already."""

    def post(self, request, pk):
        decision = get_object_or_404(Decision.objects.for_user(request.user, CHANGE), pk=pk)
        try:
            decision.publish(request.user)
        except WorkflowConflict as exc:
            error_messages(request, exc)
        else:
            messages.success(request, f"{decision.reference} is published.")
        return redirect(safe_next(request, decision.get_absolute_url()))


# --- participation ---------------------------------------------------------------------------


class ParticipationView(TemplateView):
    """Members' participation in meetings and consultations over a period, by region and by
    member; for the secretariat, the members absent from the last meetings, to reach out to."""

    template_name = "governance/participation.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = services.year_to(timezone.localdate())
        data = {"start": start.isoformat(), "end": end.isoformat(), "last": 3}
        data.update({key: value for key, value in self.request.GET.items() if value})
        form = ParticipationForm(data)
        context["form"] = form
        if not form.is_valid():
            return context
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        by_member = services.participation_by_member(start, end)
        regions, overall = services.participation_by_region(by_member)
        context.update(
            start=start,
            end=end,
            overall=overall,
            regions=list(regions.items()),
            members=list(by_member.items()),
            regions_chart=bar_chart(
                [
                    (region.name, (figures.overall_rate or 0) / 100, "on_track")
                    for region, figures in regions.items()
                ],
                title=f"Participation by region, {start:%d %b %Y} – {end:%d %b %Y}",
            ),
        )
        if is_secretariat(self.request.user):
            context["last"] = form.cleaned_data["last"]
            context["body"] = form.cleaned_data["body"]
            context["absent"] = services.absent_from_last_meetings(
                form.cleaned_data["last"], body=form.cleaned_data["body"]
            )
        return context
