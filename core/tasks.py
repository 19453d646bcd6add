"""Thin periodic tasks of the shared foundation."""

from celery import shared_task

from core import computed


@shared_task(acks_late=True, time_limit=600)
def record_computed_indicators():
    """Beat runs this daily: computed indicators become published programme measurements."""
    return len(computed.record_computed_indicators())


@shared_task(acks_late=True, time_limit=900)
def send_reminders():
    """Beat runs this daily: members' users learn what is due soon and what is overdue. Safe to
    run twice: each item is sent once."""
    from core import reminders

    items, emails = reminders.send_reminders()
    return {"items": items, "emails": emails}
