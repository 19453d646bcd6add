"""Thin periodic tasks of the shared foundation."""

from celery import shared_task

from core import computed


@shared_task(acks_late=True, time_limit=600)
def record_computed_indicators():
    """Beat runs this daily: computed indicators become published programme measurements."""
    return len(computed.record_computed_indicators())
