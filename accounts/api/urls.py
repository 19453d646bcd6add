from django.urls import path

from accounts.api import views

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="api-token"),
    path("tokens/", views.TokenListView.as_view(), name="api-tokens"),
    path("tokens/<uuid:token_id>/", views.TokenDetailView.as_view(), name="api-token-detail"),
    path("logout/", views.LogoutView.as_view(), name="api-logout"),
    path("logout-all/", views.LogoutAllView.as_view(), name="api-logout-all"),
]
