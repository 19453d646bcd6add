"""API tokens: stored hashed (django-rest-knox), expiring, several per user, each with a name
and an id to list and revoke it by, and the time it was last used."""

import uuid

from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """A token a user's system authenticates with (`Authorization: Token <token>`). Only its
    digest is kept: the token itself is shown once, when it is made."""

    id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=80, blank=True, help_text="What uses it, in words.")
    last_used = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name or 'API token'} of {self.user}"
