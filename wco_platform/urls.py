from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from accounts.views import LoginView
from core.throttling import throttle_login
from wco_platform.health import healthz
from wco_platform.metrics import metrics

api_v1 = [
    path("auth/", include("accounts.api.urls")),
    path("core/", include("core.api.urls")),
    path("governance/", include("governance.api.urls")),
    path("facilitation/", include("facilitation.api.urls")),
    path("security/", include("security.api.urls")),
    path("capacity/", include("capacity.api.urls")),
    path("cooperation/", include("cooperation.api.urls")),
    path("reports/", include("reports.api.urls")),
]

urlpatterns = [
    # Operations (docs/operations.md): health for load balancers, metrics for Prometheus.
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("", include("core.urls")),
    path("governance/", include("governance.urls")),
    path("facilitation/", include("facilitation.urls")),
    path("security/", include("security.urls")),
    path("capacity/", include("capacity.urls")),
    path("cooperation/", include("cooperation.urls")),
    path("reports/", include("reports.urls")),
    path("", include("accounts.urls")),
    path("accounts/login/", throttle_login(LoginView.as_view()), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's stylesheet draws its icons as data: images; no other page needs them.
    path(
        "api/docs/",
        csp_update({"img-src": ["data:"]})(SpectacularSwaggerView.as_view(url_name="api-schema")),
        name="api-docs",
    ),
]

# Errors as the reader expects them: JSON on the API's paths, a page with the navigation on others.
handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
