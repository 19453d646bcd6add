from django.urls import path

from core.api.routers import api_router
from facilitation.api import views

app_name = "facilitation-api"

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("implementation/", views.ImplementationView.as_view(), name="implementation"),
    path(
        "implementation/measures/",
        views.MeasureImplementationView.as_view(),
        name="measure-implementation",
    ),
    path("release-times/trends/", views.ReleaseTrendsView.as_view(), name="release-trends"),
    *api_router("facilitation").urls,
]
