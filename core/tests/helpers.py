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


def pdf_text(pdf):
    """The text of a PDF (its bytes, or a report whose file holds them), on one line: the
    words as a reader sees them, with runs of white space folded."""
    import io

    from pypdf import PdfReader

    if not isinstance(pdf, bytes):
        with pdf.file.open("rb") as handle:
            pdf = handle.read()
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
