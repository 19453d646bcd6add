from django.urls import path
from rest_framework.routers import DefaultRouter

from governance.api import views

app_name = "governance-api"

router = DefaultRouter()
router.register("bodies", views.BodyViewSet, basename="body")
router.register("positions", views.PositionViewSet, basename="position")
router.register("mandates", views.MandateViewSet, basename="mandate")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("decision-documents", views.DecisionDocumentViewSet, basename="decision-document")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("attendances", views.AttendanceViewSet, basename="attendance")
router.register("consultations", views.ConsultationViewSet, basename="consultation")
router.register(
    "consultation-responses", views.ConsultationResponseViewSet, basename="consultation-response"
)

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("participation/", views.ParticipationView.as_view(), name="participation"),
    path("participation/absent/", views.AbsentMembersView.as_view(), name="absent-members"),
    *router.urls,
]
