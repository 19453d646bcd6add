from django.urls import path

from cooperation.api import views
from core.api.routers import api_router

app_name = "cooperation-api"

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("exchanges/counts/", views.ExchangeCountsView.as_view(), name="exchange-counts"),
    *api_router("cooperation").urls,
]
