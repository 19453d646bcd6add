from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

api_v1 = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("core/", include("core.api.urls")),
    path("governance/", include("governance.api.urls")),
    path("facilitation/", include("facilitation.api.urls")),
    path("security/", include("security.api.urls")),
    path("capacity/", include("capacity.api.urls")),
    path("cooperation/", include("cooperation.api.urls")),
    path("reports/", include("reports.api.urls")),
]

urlpatterns = [
    path("", include("core.urls")),
    path("governance/", include("governance.urls")),
    path("facilitation/", include("facilitation.urls")),
    path("security/", include("security.urls")),
    path("capacity/", include("capacity.urls")),
    path("cooperation/", include("cooperation.urls")),
    path("reports/", include("reports.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
