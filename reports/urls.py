from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("request/", views.ReportRequestView.as_view(), name="report_request"),
    path("<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("<int:pk>/download/", views.ReportDownloadView.as_view(), name="report_download"),
]
