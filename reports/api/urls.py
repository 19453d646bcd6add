from rest_framework.routers import DefaultRouter

from reports.api.views import ReportViewSet

app_name = "reports-api"

router = DefaultRouter(trailing_slash=True)
router.register("", ReportViewSet, basename="report")

urlpatterns = router.urls
