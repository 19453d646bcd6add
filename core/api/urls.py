from django.urls import path

from core.api import cycle
from core.api.routers import api_router

app_name = "core-api"

router = api_router("core")
# The reporting cycle's locks: not a register (they are the secretariat's, read by all signed in).
router.register("period-locks", cycle.PeriodLockViewSet, basename="period-lock")

urlpatterns = [
    path("obligations/", cycle.ObligationsView.as_view(), name="obligations"),
    path("completeness/", cycle.CompletenessView.as_view(), name="completeness"),
    path("inbox/", cycle.InboxView.as_view(), name="inbox"),
    path("inbox/transition/", cycle.InboxTransitionView.as_view(), name="inbox-transition"),
    *router.urls,
]
