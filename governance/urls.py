from django.urls import path

from core.pages import register_urls
from governance import views

app_name = "governance"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    path("participation/", views.ParticipationView.as_view(), name="participation"),
    # A mandate's renewal and a decision's publication, beside their registers' pages
    path("mandates/<int:pk>/renew/", views.MandateRenewView.as_view(), name="mandate_renew"),
    path(
        "decisions/<int:pk>/publish/",
        views.DecisionPublishView.as_view(),
        name="decision_publish",
    ),
    # Each register's list, new, detail, edit, workflow and read-access pages
    *register_urls("governance"),
]
