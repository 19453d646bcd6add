from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, ListView

from core.views import ScopedMixin, SecretariatRequiredMixin
from reports.choices import ReportStatus
from reports.forms import ReportRequestForm
from reports.models import Report, ReportSchedule
from reports.services import request_report


class ReportListView(ScopedMixin, ListView):
    """Reports the user may read, newest first; anyone may check a file's SHA-256 here."""

    model = Report
    paginate_by = 50
    template_name = "reports/report_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("schedule")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        checksum = self.request.GET.get("sha256", "").strip().lower()
        context["checksum"] = checksum
        if checksum:
            # Anyone may verify a copy of any report: the answer names the report and its
            # period, never its content (downloads stay scoped).
            context["verified"] = (
                Report.objects.filter(sha256=checksum, status=ReportStatus.SUCCEEDED)
                .select_related("schedule")
                .first()
            )
        first = ReportSchedule.objects.filter(is_active=True).first()
        start, end = first.last_complete_period() if first else (None, None)
        context["request_form"] = ReportRequestForm(
            initial={"schedule": first, "period_start": start, "period_end": end}
        )
        return context


class ReportDetailView(ScopedMixin, DetailView):
    model = Report
    template_name = "reports/report_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("schedule", "created_by")


class ReportDownloadView(ScopedMixin, DetailView):
    model = Report

    def get(self, request, *args, **kwargs):
        report = self.get_object()
        if not report.file:
            raise Http404("This report has not been made yet.")
        return FileResponse(
            report.file.open("rb"),
            as_attachment=True,
            filename=report.filename,
            content_type="application/pdf",
        )


class ReportRequestView(SecretariatRequiredMixin, FormView):
    form_class = ReportRequestForm
    template_name = "reports/report_request.html"

    def form_valid(self, form):
        report, queued = request_report(
            form.cleaned_data["schedule"],
            form.cleaned_data["period_start"],
            form.cleaned_data["period_end"],
            by=self.request.user,
        )
        if queued:
            messages.success(self.request, "The report is queued; this page shows its status.")
        else:
            messages.info(self.request, "This report already exists; it is not made twice.")
        return redirect(report.get_absolute_url())
