from django.urls import path
from django.views.generic import RedirectView

from core import cycle_views, views
from core.pages import register_urls

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("commitments/<str:code>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/<str:code>/", views.MemberDetailView.as_view(), name="member_detail"),
    # The reporting cycle
    path("obligations/", cycle_views.ObligationsPageView.as_view(), name="obligations"),
    path("review/", cycle_views.ReviewInboxView.as_view(), name="review"),
    path(
        "measurements/review/",
        RedirectView.as_view(url="/review/?register=core/measurements"),
        name="review_queue",
    ),
    path("completeness/", cycle_views.CompletenessView.as_view(), name="completeness"),
    path("locks/", cycle_views.PeriodLockView.as_view(), name="locks"),
    path("locks/<int:pk>/unlock/", cycle_views.UnlockView.as_view(), name="lock_unlock"),
    path("reminders/", cycle_views.ReminderListView.as_view(), name="reminders"),
    path(
        "evidence/<str:app>/<str:collection>/<int:pk>/add/",
        cycle_views.EvidenceAddView.as_view(),
        name="evidence_add",
    ),
    path(
        "evidence/<str:app>/<str:collection>/<int:pk>/<int:evidence_id>/download/",
        cycle_views.EvidenceDownloadView.as_view(),
        name="evidence_download",
    ),
    path(
        "evidence/<str:app>/<str:collection>/<int:pk>/<int:evidence_id>/delete/",
        cycle_views.EvidenceDeleteView.as_view(),
        name="evidence_delete",
    ),
    # The measurements' list, new, detail, edit and workflow pages
    *register_urls("core"),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.RecordHistoryView.as_view(),
        name="record_history",
    ),
]
