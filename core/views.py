"""Thin browser views: a permission mixin, a scoped queryset, a template (STYLE.md)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView, View

from core.audit import history_entries
from core.charts import bar_chart, line_chart
from core.choices import WorkflowStatus
from core.filtersets import MeasurementFilterSet, MemberFilterSet
from core.models import Commitment, Measurement, Member, WorkflowConflict
from core.progress import ProgrammeSnapshot, indicator_series
from core.querysets import VIEW
from core.roles import is_secretariat


class SecretariatRequiredMixin(UserPassesTestMixin):
    def test_func(self):
        return is_secretariat(self.request.user)


class ScopedMixin:
    """List and detail views see only what the user may read: one filter, in the database."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user, VIEW)


class DashboardView(TemplateView):
    """The programme at a glance: five areas, fourteen commitments, status and progress."""

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        snapshot = ProgrammeSnapshot()
        context = super().get_context_data(**kwargs)
        context["snapshot"] = snapshot
        context["status_counts"] = snapshot.status_counts()
        context["overall_progress"] = snapshot.overall_progress()
        context["areas_chart"] = bar_chart(
            [(a.area.title, a.progress, "on_track") for a in snapshot.area_states],
            title="Progress by strategic area",
        )
        if is_secretariat(self.request.user):
            context["awaiting_review"] = Measurement.objects.filter(
                status__in=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED]
            ).count()
        return context


class CommitmentDetailView(DetailView):
    model = Commitment
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "core/commitment_detail.html"
    queryset = Commitment.objects.select_related("area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = ProgrammeSnapshot(commitments=[self.object])
        state = snapshot.for_commitment(self.object)
        series = indicator_series([s.indicator for s in state.indicators])
        context["state"] = state
        context["milestones"] = list(self.object.milestones.all())
        context["indicators"] = [
            {
                "state": s,
                "chart": line_chart(
                    series.get(s.indicator.pk, []),
                    title=f"{s.indicator.code}: {s.indicator.name}",
                    unit=s.indicator.unit,
                    baseline=s.indicator.baseline_value,
                    target=s.indicator.target_value,
                ),
            }
            for s in state.indicators
        ]
        return context


class MemberListView(ScopedMixin, ListView):
    model = Member
    paginate_by = 50
    template_name = "core/member_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("region").order_by("name")
        self.filterset = MemberFilterSet(self.request.GET, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["region_counts"] = (
            Member.objects.filter(is_active=True)
            .values("region__code", "region__name")
            .annotate(count=Count("id"))
            .order_by("region__name")
        )
        return context


class MemberDetailView(ScopedMixin, DetailView):
    model = Member
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "core/member_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measurements"] = (
            Measurement.objects.for_user(self.request.user)
            .filter(member=self.object)
            .select_related("indicator")[:40]
        )
        return context


class MeasurementListView(ScopedMixin, ListView):
    model = Measurement
    paginate_by = 50
    template_name = "core/measurement_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("indicator", "member")
        self.filterset = MeasurementFilterSet(self.request.GET, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context


class ReviewQueueView(SecretariatRequiredMixin, ListView):
    """Submitted measurements to validate or return, and validated ones to publish."""

    template_name = "core/review_queue.html"
    paginate_by = 100

    def get_queryset(self):
        return (
            Measurement.objects.for_user(self.request.user)
            .filter(status__in=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED])
            .select_related("indicator", "member", "updated_by")
            .order_by("status", "status_changed_at", "id")
        )


class MeasurementDetailView(ScopedMixin, DetailView):
    model = Measurement
    template_name = "core/measurement_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("indicator__commitment", "member")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_entries(self.object)
        return context


class MeasurementTransitionView(View):
    """POST a workflow action (submit, validate, publish, return) from the browser."""

    ACTIONS = {"submit", "validate", "publish", "return"}

    def post(self, request, pk, action):
        if action not in self.ACTIONS or not request.user.is_authenticated:
            raise Http404
        measurement = get_object_or_404(Measurement.objects.for_user(request.user), pk=pk)
        try:
            measurement.transition(action, request.user, reason=request.POST.get("reason", ""))
        except (WorkflowConflict, PermissionDenied) as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, f"{measurement}: {measurement.get_status_display()}.")
        return redirect(request.POST.get("next") or measurement.get_absolute_url())


class RecordHistoryView(TemplateView):
    """The audit trail of any record the user may read: who changed what, when, old -> new."""

    template_name = "core/history.html"

    def get_context_data(self, app_label, model_name, pk, **kwargs):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError as exc:
            raise Http404 from exc
        if not hasattr(model, "history") or not hasattr(model.objects, "for_user"):
            raise Http404
        record = get_object_or_404(model.objects.for_user(self.request.user), pk=pk)
        context = super().get_context_data(**kwargs)
        context["record"] = record
        context["verbose_name"] = model._meta.verbose_name
        context["history"] = history_entries(record)
        return context
