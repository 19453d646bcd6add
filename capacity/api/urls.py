from django.urls import path

from capacity.api import views
from core.api.routers import api_router

app_name = "capacity-api"

urlpatterns = [
    path("follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path("coordination/overlaps/", views.OverlapsView.as_view(), name="overlaps"),
    path("coordination/gaps/", views.GapsView.as_view(), name="gaps"),
    path("funding/", views.FundingView.as_view(), name="funding"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    *api_router("capacity").urls,
]
