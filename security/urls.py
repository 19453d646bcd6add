from django.urls import path

from core.pages import register_urls
from security import views

app_name = "security"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # Who recognises whom
    path("network/", views.NetworkView.as_view(), name="network"),
    # Each register's list, new, detail, edit, workflow and read-access pages
    *register_urls("security"),
]
