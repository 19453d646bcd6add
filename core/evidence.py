"""Evidence files on records: a study's report, a legal text, a certificate attached to the
record it supports (docs/reporting-cycle.md).

A file is recognised by its content, never by its name: PDF, PNG, JPEG, DOCX, XLSX, ODT and ODS
by their signatures (the `filetype` library), CSV when it decodes as UTF-8 and parses with the
same number of columns on every row. Anything else is refused, and so is a file larger than
`EVIDENCE_MAX_BYTES`. It is stored under a random name; the record's readers see and download
it, those who may change the record add and delete it while the record may change."""

import csv
import hashlib
import io

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from core import registry
from core.models import Evidence

# Recognised by their signature: extension -> the content type served.
SIGNATURES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
CSV = "text/csv"
ACCEPTED = "PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS or CSV"


class TooLarge(ValidationError):
    """A file over the size limit (HTTP 413 in the API)."""


def content_type_of(content):
    """The content type a file's bytes show it to be, or None when it is none we accept."""
    kind = filetype.guess(content)
    if kind is not None:
        return SIGNATURES.get(kind.extension)
    if is_csv(content):
        return CSV
    return None


def is_csv(content):
    """UTF-8 text whose rows all have the same number of columns (two or more), one row at
    least."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if "\x00" in text or not text.strip():
        return False
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
    except csv.Error:
        return False
    widths = {len(row) for row in rows}
    return len(widths) == 1 and widths.pop() >= 2


def read_upload(upload):
    """The upload's bytes, refusing one over the limit without reading all of it."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise TooLarge(too_large_message(limit))
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise TooLarge(too_large_message(limit))
    return content


def too_large_message(limit):
    return f"The file is larger than {limit / 1024 / 1024:g} MB, the largest accepted."


def attach(record, upload, description, by):
    """Attach an uploaded file to a record (whose change the caller has checked)."""
    declared = registry.register_of(record)
    content = read_upload(upload)
    if not content:
        raise ValidationError({"file": ["The file is empty."]})
    content_type = content_type_of(content)
    if content_type is None:
        raise ValidationError(
            {"file": [f"This file is not one of the kinds accepted ({ACCEPTED})."]}
        )
    name = (upload.name or "evidence").replace("\\", "/").rsplit("/", 1)[-1][:255]
    evidence = Evidence(
        register=declared.path,
        record_id=record.pk,
        name=name,
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        description=(description or "")[:300],
    )
    evidence.stamp(by)
    evidence.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


def evidence_of(record):
    """The evidence attached to a record, oldest first."""
    declared = registry.register_of(record)
    return Evidence.objects.filter(register=declared.path, record_id=record.pk).select_related(
        "created_by"
    )


def remove(evidence, by):
    evidence.stamp(by)
    evidence.delete()
    evidence.file.delete(save=False)


def takes_evidence(declared):
    """Records of registers members report into (measurements among them) carry evidence."""
    return declared is not None and declared.members_report
