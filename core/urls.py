from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("commitments/<str:code>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("members/", views.MemberListView.as_view(), name="member_list"),
    path("members/<str:code>/", views.MemberDetailView.as_view(), name="member_detail"),
    path("measurements/", views.MeasurementListView.as_view(), name="measurement_list"),
    path("measurements/review/", views.ReviewQueueView.as_view(), name="review_queue"),
    path(
        "measurements/<int:pk>/", views.MeasurementDetailView.as_view(), name="measurement_detail"
    ),
    path(
        "measurements/<int:pk>/<str:action>/",
        views.MeasurementTransitionView.as_view(),
        name="measurement_transition",
    ),
    path(
        "history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.RecordHistoryView.as_view(),
        name="record_history",
    ),
]
