from django.urls import path
from rest_framework.routers import DefaultRouter

from capacity.api import views

app_name = "capacity-api"

router = DefaultRouter()
router.register("donors", views.DonorViewSet, basename="donor")
router.register("sdgs", views.SDGViewSet, basename="sdg")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("fundings", views.FundingViewSet, basename="funding")
router.register(
    "diagnostic-missions", views.DiagnosticMissionViewSet, basename="diagnostic-mission"
)
router.register("recommendations", views.RecommendationViewSet, basename="recommendation")
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("instruments", views.InstrumentViewSet, basename="instrument")
router.register("instrument-uptakes", views.InstrumentUptakeViewSet, basename="instrument-uptake")
router.register("instrument-reviews", views.InstrumentReviewViewSet, basename="instrument-review")
router.register("training-activities", views.TrainingActivityViewSet, basename="training-activity")

urlpatterns = [
    path("follow-up/", views.FollowUpView.as_view(), name="follow-up"),
    path("coordination/overlaps/", views.OverlapsView.as_view(), name="overlaps"),
    path("coordination/gaps/", views.GapsView.as_view(), name="gaps"),
    path("funding/", views.FundingView.as_view(), name="funding"),
    path("summary/", views.SummaryView.as_view(), name="summary"),
    *router.urls,
]
