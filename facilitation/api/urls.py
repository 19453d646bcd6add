from django.urls import path
from rest_framework.routers import DefaultRouter

from facilitation.api import views

app_name = "facilitation-api"

router = DefaultRouter()
router.register("tfa-measures", views.TFAMeasureViewSet, basename="tfa-measure")
router.register("tfa-notifications", views.TFANotificationViewSet, basename="tfa-notification")
router.register(
    "release-time-studies", views.ReleaseTimeStudyViewSet, basename="release-time-study"
)
router.register(
    "ecommerce-standards", views.EcommerceStandardViewSet, basename="ecommerce-standard"
)
router.register(
    "ecommerce-adoptions", views.EcommerceAdoptionViewSet, basename="ecommerce-adoption"
)
router.register("joint-activities", views.JointActivityViewSet, basename="joint-activity")
router.register("revenue-reports", views.RevenueReportViewSet, basename="revenue-report")

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("implementation/", views.ImplementationView.as_view(), name="implementation"),
    path(
        "implementation/measures/",
        views.MeasureImplementationView.as_view(),
        name="measure-implementation",
    ),
    path("release-times/trends/", views.ReleaseTrendsView.as_view(), name="release-trends"),
    *router.urls,
]
