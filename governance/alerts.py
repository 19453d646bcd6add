"""Alerts on mandates: those ending within 180 days, on the area page, in the API and in a
weekly email to the secretariat."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.roles import SECRETARIAT
from governance.models import Mandate, MandateDigest

ALERT_DAYS = 180


def ending_mandates(today=None, days=ALERT_DAYS):
    return list(
        Mandate.objects.ending_within(days, today)
        .select_related("position__body", "member")
        .order_by("end", "id")
    )


def send_mandate_digest(today=None):
    """Email this week's digest to the secretariat's users, once a week whatever the number of
    runs: the week's row is claimed first, and a week already sent is skipped."""
    today = today or timezone.localdate()
    week = today - timedelta(days=today.weekday())
    with transaction.atomic():
        digest, _ = MandateDigest.objects.select_for_update().get_or_create(week=week)
        if digest.sent_at is not None:
            return None
        mandates = ending_mandates(today)
        recipients = sorted(
            get_user_model()
            .objects.filter(groups__name=SECRETARIAT, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
            .distinct()
        )
        if recipients:
            context = {"mandates": mandates, "today": today, "days": ALERT_DAYS}
            send_mail(
                subject=f"WCO mandates ending within {ALERT_DAYS} days: {len(mandates)}",
                message=render_to_string("governance/email/mandate_digest.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=recipients,
            )
        digest.sent_at = timezone.now()
        digest.mandate_count = len(mandates)
        digest.recipient_count = len(recipients)
        digest.save()
    return digest
