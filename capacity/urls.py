from django.urls import path

from capacity import views
from core.pages import register_urls

app_name = "capacity"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # Donor coordination: overlaps, gaps and funding breakdowns
    path("coordination/", views.CoordinationView.as_view(), name="coordination"),
    # Follow-up of diagnostic recommendations
    path("follow-up/", views.FollowUpView.as_view(), name="follow_up"),
    # Its member updates a recommendation's follow-up
    path(
        "recommendations/<int:pk>/follow-up/",
        views.FollowUpEditView.as_view(),
        name="recommendation_follow_up",
    ),
    # Each register's list, new, detail, edit, workflow and read-access pages
    *register_urls("capacity"),
]
