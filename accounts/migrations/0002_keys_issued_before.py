"""The API keys issued before tokens expired and were hashed keep working: each becomes a token
of the same value (its digest kept, the key itself no longer), expiring like a new one, so no
member administration's system breaks on the day."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def move_keys(apps, schema_editor):
    from knox.crypto import hash_token
    from knox.settings import CONSTANTS

    Token = apps.get_model("authtoken", "Token")
    ApiToken = apps.get_model("accounts", "ApiToken")
    expiry = timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS)
    ApiToken.objects.bulk_create(
        ApiToken(
            digest=hash_token(key.key),
            token_key=key.key[: CONSTANTS.TOKEN_KEY_LENGTH],
            user_id=key.user_id,
            expiry=expiry,
            id=uuid.uuid4(),
            name="Key issued before tokens expired",
        )
        for key in Token.objects.all()
    )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_api_tokens"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(move_keys, migrations.RunPython.noop)]
