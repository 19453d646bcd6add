from django.urls import path

from core.pages import register_urls
from facilitation import views

app_name = "facilitation"

urlpatterns = [
    path("", views.AreaView.as_view(), name="area"),
    # TFA implementation, the WTO's way
    path("implementation/", views.ImplementationView.as_view(), name="implementation"),
    path("matrix/", views.MatrixView.as_view(), name="matrix"),
    # A new version of an e-commerce standard
    path("standards/<int:pk>/revise/", views.StandardReviseView.as_view(), name="standard_revise"),
    # Each register's list, new, detail, edit, workflow and read-access pages
    *register_urls("facilitation"),
]
