from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Who uses the platform and how they prove it: logging in (with a second factor for the
    secretariat and the council), lockout after repeated failures, API tokens, the user's
    account page, and the secretariat's care of other users' accounts."""

    name = "accounts"
    verbose_name = "Accounts and access"

    def ready(self):
        from accounts import schema  # noqa: F401  (registers the token scheme for the schema)
