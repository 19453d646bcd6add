from django.urls import path
from rest_framework.routers import DefaultRouter

from security.api import views

app_name = "security-api"

router = DefaultRouter()
router.register("safe-editions", views.SafeEditionViewSet, basename="safe-edition")
router.register("safe-pillars", views.SafePillarViewSet, basename="safe-pillar")
router.register("safe-adoptions", views.SafeAdoptionViewSet, basename="safe-adoption")
router.register("aeo-programmes", views.AEOProgrammeViewSet, basename="aeo-programme")
router.register("aeo-operator-counts", views.AEOOperatorCountViewSet, basename="aeo-operator-count")
router.register(
    "security-strategy-roles", views.SecurityStrategyRoleViewSet, basename="security-strategy-role"
)

router.register("customs-unions", views.CustomsUnionViewSet, basename="customs-union")
router.register(
    "mutual-recognitions", views.MutualRecognitionViewSet, basename="mutual-recognition"
)
router.register(
    "passenger-data-readiness",
    views.PassengerDataReadinessViewSet,
    basename="passenger-data-readiness",
)
router.register(
    "risk-assessments", views.RiskManagementAssessmentViewSet, basename="risk-assessment"
)

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    *router.urls,
]
