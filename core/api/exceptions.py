"""Errors on the wire: 400 with field errors, 403, 404, 409 for a workflow conflict; never 500
for bad input."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from core.models import WorkflowConflict


def exception_handler(exc, context):
    if isinstance(exc, WorkflowConflict):
        set_rollback()
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ProtectedError):
        set_rollback()
        # Deleting a record others depend on (a project's evaluations, a donor's funding): the
        # database keeps them, the client is told which.
        kinds = sorted({str(o._meta.verbose_name_plural) for o in exc.protected_objects})
        return Response(
            {"detail": f"Other records depend on this one ({', '.join(kinds)}): it is kept."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, IntegrityError):  # (ProtectedError, one of them, is answered above)
        # Two writes at once for one record (a unique constraint): the second is told, and
        # nothing it wrote stays.
        set_rollback()
        return Response(
            {"detail": "This conflicts with a record saved meanwhile: check it and try again."},
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)
