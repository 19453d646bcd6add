"""Periodic tasks of the governance area: thin wrappers over governance.alerts."""

from celery import shared_task

from governance import alerts


@shared_task(acks_late=True, time_limit=300)
def send_mandate_digest():
    """Beat runs this weekly: the secretariat learns which mandates end within 180 days."""
    digest = alerts.send_mandate_digest()
    return digest.pk if digest else None
