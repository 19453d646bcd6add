from django.urls import path

from cooperation import views
from core.pages import register_urls

app_name = "cooperation"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # Each register's list, new, detail, edit, workflow and read-access pages
    *register_urls("cooperation"),
]
