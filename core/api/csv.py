"""CSV round trip for every register a member reports into: `GET .../export/`
writes the list (with its filters) as CSV, `POST .../import/` reads the same format back,
creating or updating each row by the register's natural key, all rows or none, and answers
with the errors of each row that is wrong.

The columns are the serializer's fields, so the API's rules and the CSV's are the same rules.
"""

import csv
import io

from django.db import IntegrityError, transaction
from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.response import Response

from core.locks import PeriodLocked
from core.models import Member, WorkflowConflict
from core.querysets import CHANGE, VIEW
from core.roles import is_secretariat, member_ids_for

LIST_SEPARATOR = ";"
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class CSVTextParser(BaseParser):
    """A CSV file sent as the request body (`Content-Type: text/csv`)."""

    media_type = "text/csv"

    def parse(self, stream, media_type=None, parser_context=None):
        return stream.read(MAX_IMPORT_BYTES + 1).decode("utf-8-sig", errors="replace")


class _Echo:
    def write(self, value):
        return value


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()


class CsvRoundTripMixin:
    """Add to a `ScopedViewSet`: the register's `csv_key` names the serializer fields that
    identify a record (e.g. `("consultation", "member")`)."""

    @property
    def csv_natural_key(self):
        return self.register.csv_key if self.register is not None else ()

    def csv_columns(self):
        return list(self.get_serializer().fields)

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="The list as CSV")})
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        columns = self.csv_columns()
        writer = csv.writer(_Echo())

        def rows():
            yield writer.writerow(columns)
            for record in queryset.iterator(chunk_size=1000):
                data = self.get_serializer(record).data
                yield writer.writerow([_cell(data.get(column)) for column in columns])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        name = self.basename
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response

    @extend_schema(
        request={"text/csv": {"type": "string"}, "multipart/form-data": {"type": "object"}},
        responses={200: ImportResultSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[CSVTextParser, MultiPartParser],
    )
    def import_csv(self, request, *args, **kwargs):
        if not self.csv_natural_key:
            # Without a natural key a row names no record: nothing could be updated safely.
            raise APIValidationError({"file": ["This register is not imported from CSV."]})
        text = self._csv_text(request)
        reader = csv.DictReader(io.StringIO(text))
        missing = [key for key in self.csv_natural_key if key not in (reader.fieldnames or [])]
        if missing and not (missing == ["member"] and not is_secretariat(request.user)):
            raise APIValidationError({"file": [f"Missing columns: {', '.join(missing)}."]})
        created = updated = 0
        errors = []
        # The columns' fields, built once for the file, not once a row.
        fields = self.get_serializer().fields
        with transaction.atomic():
            for row_number, row in enumerate(reader, start=2):
                try:
                    # A savepoint per row: a row the database refuses leaves the others usable.
                    with transaction.atomic():
                        was_created = self._import_row(row, fields)
                except IntegrityError:
                    errors.append(
                        {"row": row_number, "errors": {"non_field_errors": ["Duplicate record."]}}
                    )
                    continue
                except (APIValidationError, PermissionDenied, WorkflowConflict) as exc:
                    detail = getattr(exc, "detail", None) or {"non_field_errors": [str(exc)]}
                    if not isinstance(detail, dict):
                        detail = {
                            "non_field_errors": detail if isinstance(detail, list) else [detail]
                        }
                    error = {"row": row_number, "errors": detail}
                    if isinstance(exc, PeriodLocked):
                        error["locked"] = True
                    errors.append(error)
                    continue
                created += was_created
                updated += not was_created
            if errors:
                transaction.set_rollback(True)
        if errors:
            # A row in a locked period is a conflict, not a mistake in the file: 409.
            locked = any(error.pop("locked", False) for error in errors)
            return Response(
                {
                    "detail": "No row was imported: correct these rows and send the file again.",
                    "rows": errors,
                },
                status=status.HTTP_409_CONFLICT if locked else status.HTTP_400_BAD_REQUEST,
            )
        return Response({"created": created, "updated": updated})

    def _csv_text(self, request):
        if isinstance(request.data, str):
            text = request.data
        elif "file" in request.FILES:
            upload = request.FILES["file"]
            if upload.size > MAX_IMPORT_BYTES:
                raise APIValidationError({"file": ["The file is larger than 5 MB."]})
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                raise APIValidationError({"file": ["The file is not UTF-8 text."]}) from exc
        else:
            raise APIValidationError(
                {"file": ["Send the CSV as the body (text/csv) or as the form field `file`."]}
            )
        if len(text) > MAX_IMPORT_BYTES:
            raise APIValidationError({"file": ["The file is larger than 5 MB."]})
        if not text.strip():
            raise APIValidationError({"file": ["The file is empty."]})
        return text

    def _row_data(self, row, fields):
        data = {}
        for name, value in row.items():
            field = fields.get(name)
            if field is None or field.read_only or name is None:
                continue
            value = (value or "").strip()
            if isinstance(field, serializers.ManyRelatedField | serializers.ListField):
                data[name] = [v.strip() for v in value.split(LIST_SEPARATOR) if v.strip()]
            elif value == "":
                if field.allow_null:
                    data[name] = None
                elif getattr(field, "allow_blank", False):
                    data[name] = ""
            else:
                data[name] = value
        return data

    def _find(self, data, fields):
        """The record the row's natural key names, among those the user may change."""
        lookup = {}
        errors = {}
        for key in self.csv_natural_key:
            field = fields[key]
            value = data.get(key)
            if key == "member" and value in (None, ""):
                own = member_ids_for(self.request.user)
                if not is_secretariat(self.request.user) and len(own) == 1:
                    lookup["member"] = Member.objects.get(pk=next(iter(own)))
                    continue
            try:
                lookup[field.source] = field.run_validation(value)
            except serializers.ValidationError as exc:
                errors[key] = exc.detail
        if errors:
            raise APIValidationError(errors)
        if "member" in lookup:
            self.check_member(lookup["member"])
        model = self.get_queryset().model
        # One query in the usual case: the record, among those the user may change.
        found = model.objects.for_user(self.request.user, CHANGE).filter(**lookup).first()
        # A record the user reads but may not change is refused; one it cannot read is not
        # confirmed to exist (the row then makes a new record, or meets its unique constraint).
        if (
            found is None
            and model.objects.for_user(self.request.user, VIEW).filter(**lookup).exists()
        ):
            raise PermissionDenied("You may not change that record.")
        return found

    def _import_row(self, row, fields):
        data = self._row_data(row, fields)
        instance = self._find(data, fields)
        serializer = self.get_serializer(instance, data=data, partial=instance is not None)
        serializer.is_valid(raise_exception=True)
        if instance is None:
            self.perform_create(serializer)
        else:
            self.perform_update(serializer)
        return instance is None
