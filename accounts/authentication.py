"""Authenticating API requests with a token (`Authorization: Token <token>`)."""

from datetime import timedelta

from django.utils import timezone
from knox.auth import TokenAuthentication

# A token's last use is written at most once a minute: a request is not a database write.
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(TokenAuthentication):
    """Knox's hashed, expiring tokens; each remembers when it was last used."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used is None or now - token.last_used > LAST_USED_PRECISION:
            type(token).objects.filter(digest=token.digest).update(last_used=now)
        return user, token
