from django.urls import path
from rest_framework.routers import DefaultRouter

from cooperation.api import views

app_name = "cooperation-api"

router = DefaultRouter()
router.register("partners", views.PartnerViewSet, basename="partner")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register(
    "information-exchanges", views.InformationExchangeViewSet, basename="information-exchange"
)
router.register("dialogues", views.StakeholderDialogueViewSet, basename="dialogue")
router.register("follow-up-actions", views.FollowUpActionViewSet, basename="follow-up-action")
router.register("outreach-actions", views.OutreachActionViewSet, basename="outreach-action")

urlpatterns = [
    path("summary/", views.SummaryView.as_view(), name="summary"),
    path("exchanges/counts/", views.ExchangeCountsView.as_view(), name="exchange-counts"),
    *router.urls,
]
