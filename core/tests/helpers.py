"""Small helpers the areas' tests share."""

from datetime import date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.choices import WorkflowStatus


def refused(record):
    """The field errors with which the record's rules refuse it (the test fails if none)."""
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return error.value.message_dict


def publish_on(record, day=date(2020, 1, 1)):
    """Mark a submission published on `day` (figures count what was published by a day)."""
    record.status = WorkflowStatus.PUBLISHED
    record.published_at = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    record.save()
    return record


def csv_of(response):
    """The text of a streamed CSV export."""
    return b"".join(response.streaming_content).decode()
