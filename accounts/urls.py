from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path(
        "account/tokens/<uuid:token_id>/revoke/",
        views.TokenRevokeView.as_view(),
        name="token_revoke",
    ),
    path("accounts/users/", views.UserAccountsView.as_view(), name="users"),
    # Password reset by email
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_sent"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("login"),
        ),
        name="password_reset_confirm",
    ),
]
