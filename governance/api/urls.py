from django.urls import path

from core.api.routers import api_router
from governance.api import views

app_name = "governance-api"

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("participation/", views.ParticipationView.as_view(), name="participation"),
    path("participation/absent/", views.AbsentMembersView.as_view(), name="absent-members"),
    # Each register's collection (declared in governance.registers)
    *api_router("governance").urls,
]
