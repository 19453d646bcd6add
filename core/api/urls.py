from rest_framework.routers import DefaultRouter

from core.api import views

app_name = "core-api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("members", views.MemberViewSet, basename="member")
router.register("areas", views.StrategicAreaViewSet, basename="area")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("measurements", views.MeasurementViewSet, basename="measurement")

urlpatterns = router.urls
