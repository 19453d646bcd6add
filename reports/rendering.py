"""Turning a period's published data into the transparency report's PDF.

`gather()` fetches everything up front as plain data, before the template runs; `render_pdf()`
renders our own template and lets WeasyPrint fetch nothing but our static files.
"""

from datetime import datetime, time, timedelta

from django.contrib.staticfiles import finders
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone

from core.charts import bar_chart, line_chart
from core.choices import CommitmentStatus, WorkflowStatus
from core.models import Measurement, Member
from core.progress import ProgrammeSnapshot, indicator_series
from core.registry import Period, report_sections_for
from reports.choices import ReportStatus, Scope
from reports.models import Report


def gather(report):
    schedule = report.schedule
    snapshot = ProgrammeSnapshot(as_of=report.period_end)
    areas = snapshot.area_states
    if schedule.scope == Scope.AREA:
        areas = [a for a in areas if a.area.pk == schedule.area_id]
    indicators = [s.indicator for a in areas for c in a.commitments for s in c.indicators]
    series = indicator_series(indicators, as_of=report.period_end)

    measurements = Measurement.objects.all()
    if schedule.scope == Scope.REGION:
        measurements = measurements.filter(member__region_id=schedule.region_id)
    period_start, period_end = report.period_start, report.period_end
    year_before = period_end - timedelta(days=365)
    # A datetime range, not a __date lookup, so the database can use a plain comparison.
    opens = timezone.make_aware(datetime.combine(period_start, time.min))
    closes = timezone.make_aware(datetime.combine(period_end + timedelta(days=1), time.min))
    counts = measurements.aggregate(
        published=Count(
            "id",
            filter=Q(
                status=WorkflowStatus.PUBLISHED,
                published_at__gte=opens,
                published_at__lt=closes,
            ),
        ),
        awaiting=Count(
            "id", filter=Q(status__in=[WorkflowStatus.SUBMITTED, WorkflowStatus.VALIDATED])
        ),
        drafts=Count("id", filter=Q(status__in=[WorkflowStatus.DRAFT, WorkflowStatus.RETURNED])),
        reporting_members=Count(
            "member",
            distinct=True,
            filter=Q(
                status=WorkflowStatus.PUBLISHED,
                period_end__gt=year_before,
                period_end__lte=period_end,
            ),
        ),
    )
    members = Member.objects.filter(is_active=True)
    if schedule.scope == Scope.REGION:
        members = members.filter(region_id=schedule.region_id)
    previous = (
        Report.objects.filter(
            schedule=schedule, status=ReportStatus.SUCCEEDED, period_end__lt=report.period_start
        )
        .order_by("-period_end")
        .values_list("sha256", flat=True)
        .first()
    )

    # Each area's registers, from the chapter the area app contributes. They cover every member:
    # a regional report says so rather than narrowing them. A missing chapter fails the report
    # instead of leaving the chapter out.
    sections = report_sections_for([a.area.code for a in areas])
    period = Period(period_start, period_end)
    chapters = []
    for area_state in areas:
        commitments = []
        for state in area_state.commitments:
            indicators_data = []
            for ind in state.indicators:
                points = series.get(ind.indicator.pk, [])
                indicators_data.append(
                    {
                        "code": ind.indicator.code,
                        "name": ind.indicator.name,
                        "unit": ind.indicator.unit,
                        "baseline": ind.indicator.baseline_value,
                        "target": ind.indicator.target_value,
                        "latest": ind.latest_value,
                        "latest_period": ind.latest_period,
                        "progress": ind.progress,
                        "chart": line_chart(
                            points[-12:],
                            title=f"{ind.indicator.code} {ind.indicator.unit}",
                            unit=ind.indicator.unit,
                            baseline=ind.indicator.baseline_value,
                            target=ind.indicator.target_value,
                            width=480,
                            height=170,
                        ),
                    }
                )
            commitments.append(
                {
                    "code": state.commitment.code,
                    "title": state.commitment.title,
                    "status": state.status,
                    "status_label": CommitmentStatus(state.status).label,
                    "progress": state.progress,
                    "milestones": f"{state.milestones_done} of {state.milestones_total}",
                    "indicators": indicators_data,
                }
            )
        chapters.append(
            {
                "code": area_state.area.code,
                "section": sections[area_state.area.code](period),
                "title": area_state.area.title,
                "vision": area_state.area.vision,
                "progress": area_state.progress,
                "commitments": commitments,
                "chart": bar_chart(
                    [(c["code"], c["progress"], c["status"]) for c in commitments],
                    title=f"Progress of the commitments: {area_state.area.title}",
                    width=520,
                ),
            }
        )

    status_counts = snapshot.status_counts()
    return {
        "title": schedule.name,
        "scope": schedule.get_scope_display(),
        "subject": schedule.area or schedule.region or "The whole programme",
        "region": schedule.region.name if schedule.scope == Scope.REGION else "",
        "audience": schedule.get_audience_display(),
        "period_start": report.period_start,
        "period_end": report.period_end,
        "generated_at": timezone.now(),
        "overall_progress": snapshot.overall_progress(),
        "status_counts": [
            (CommitmentStatus(key).label, value) for key, value in status_counts.items()
        ],
        "commitment_count": len(snapshot.commitment_states),
        "counts": counts,
        "active_members": members.count(),
        "chapters": chapters,
        "overview_chart": bar_chart(
            [(a["title"], a["progress"], "on_track") for a in chapters],
            title="Progress by strategic area",
            width=560,
        ),
        "previous_sha256": previous or "",
    }


def _static_only_fetcher(url, *args, **kwargs):
    """WeasyPrint may read our own static files and nothing else (no file://, no network)."""
    from weasyprint.urls import default_url_fetcher

    prefix = "static:/"
    if url.startswith(prefix):
        path = finders.find(url[len(prefix) :].lstrip("/"))
        if path:
            return default_url_fetcher(f"file://{path}")
    raise ValueError(f"Report resources are limited to our static files, not {url!r}")


def render_pdf(data):
    """Render the report: returns (pdf bytes, page count)."""
    from weasyprint import HTML

    html = render_to_string("reports/report.html", data)
    document = HTML(string=html, url_fetcher=_static_only_fetcher, base_url="static:/").render()
    return document.write_pdf(), len(document.pages)
