from django.urls import path

from core.api.routers import api_router
from security.api import views

app_name = "security-api"

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    *api_router("security").urls,
]
