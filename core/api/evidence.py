"""Evidence files in the API: `<record>/evidence/` lists and (multipart `file`, optional
`description`) adds them, `<record>/evidence/<id>/download/` serves one, `DELETE
<record>/evidence/<id>/` removes one while the record may change. Only the record's readers
reach them: the record is found through the register's scoping first."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from core import evidence as evidence_files
from core.locks import check_not_locked
from core.models import Evidence, WorkflowConflict
from core.querysets import CHANGE


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The file is too large."
    default_code = "too_large"


class EvidenceSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="created_by.username", default=None)
    uploaded_at = serializers.DateTimeField(source="created_at")
    download = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "name",
            "description",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
            "download",
        ]

    def get_download(self, evidence) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(f"{self.context['base']}{evidence.id}/download/")


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS or CSV.")
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)


class EvidenceMixin:
    """The evidence endpoints of a register's viewset."""

    def evidence_record(self, change=False):
        record = self.get_object()
        if change:
            user = self.request.user
            model = type(record)
            if not model.objects.for_user(user, CHANGE).filter(pk=record.pk).exists():
                raise PermissionDenied(
                    "Only the record's member and the secretariat add or remove its evidence."
                )
            if hasattr(record, "is_editable_by") and not record.is_editable_by(user):
                raise WorkflowConflict(
                    f"A {record.get_status_display().lower()} record's evidence cannot change."
                )
            check_not_locked(record)
        return record

    @extend_schema(methods=["GET"], responses={200: EvidenceSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer, 413: OpenApiResponse(description="File too large")},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="evidence",
        parser_classes=[MultiPartParser],
    )
    def evidence(self, request, *args, **kwargs):
        if request.method == "GET":
            record = self.evidence_record()
            found = evidence_files.evidence_of(record)
            context = self.evidence_context()
            return Response(EvidenceSerializer(found, many=True, context=context).data)
        record = self.evidence_record(change=True)
        upload = EvidenceUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            added = evidence_files.attach(
                record,
                upload.validated_data["file"],
                upload.validated_data.get("description", ""),
                request.user,
            )
        except evidence_files.TooLarge as exc:
            raise PayloadTooLarge(exc.messages[0]) from exc
        except DjangoValidationError as exc:
            raise APIValidationError(exc.message_dict) from exc
        return Response(
            EvidenceSerializer(added, context=self.evidence_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def evidence_context(self):
        """The request, and the record's evidence path the download links hang from."""
        base = self.request.path.split("/evidence/")[0] + "/evidence/"
        return {"request": self.request, "base": base}

    def one_evidence(self, record, evidence_id):
        found = evidence_files.evidence_of(record).filter(pk=evidence_id).first()
        if found is None:
            raise NotFound("No such evidence on this record.")
        return found

    @extend_schema(
        request=None,
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="The file"),
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"evidence/(?P<evidence_id>[0-9]+)/download",
        url_name="evidence-download",
    )
    def evidence_download(self, request, evidence_id, *args, **kwargs):
        found = self.one_evidence(self.evidence_record(), evidence_id)
        response = FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.name,
            content_type=found.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"evidence/(?P<evidence_id>[0-9]+)",
        url_name="evidence-detail",
    )
    def evidence_remove(self, request, evidence_id, *args, **kwargs):
        record = self.evidence_record(change=True)
        evidence_files.remove(self.one_evidence(record, evidence_id), request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
