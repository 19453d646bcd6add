from django.urls import path

from core import views
from core.pages import register_urls

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("commitments/<str:code>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/<str:code>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("measurements/review/", views.ReviewQueueView.as_view(), name="review_queue"),
    # The measurements' list, new, detail, edit and workflow pages
    *register_urls("core"),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.RecordHistoryView.as_view(),
        name="record_history",
    ),
]
