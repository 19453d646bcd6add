"""Evidence files on records: recognised by their content, limited in size, stored under a
random name, seen and downloaded only by the record's readers, added and removed only while the
record may change, and kept in the record's history."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.choices import Confidentiality, WorkflowStatus
from core.models import Evidence
from security.tests.factories import PassengerDataReadinessFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
CSV = b"member,operators\nFRA,120\nDEU,98\n"
URL = "/api/v1/security/passenger-data-readiness/{}/evidence/"


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def readiness(fra):
    return PassengerDataReadinessFactory(member=fra, confidentiality=Confidentiality.RESTRICTED)


def attach(client, record, name="law.pdf", content=PDF, **extra):
    return client.post(
        URL.format(record.pk), {"file": upload(name, content), **extra}, format="multipart"
    )


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("law.pdf", PDF, "application/pdf"),
        ("scan.png", PNG, "image/png"),
        ("t.csv", CSV, "text/csv"),
    ],
)
def test_a_member_attaches_evidence_recognised_by_its_content(
    api, fra_user, readiness, name, content, kind
):
    response = attach(api(fra_user), readiness, name=name, content=content, description="Act")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["content_type"] == kind and body["size"] == len(content)
    assert body["uploaded_by"] == "member-fra" and body["description"] == "Act"
    assert len(body["sha256"]) == 64
    stored = Evidence.objects.get(pk=body["id"])
    assert name not in stored.file.name  # a random name on disk


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 64),  # a Windows program named as a PDF
        ("notes.csv", b"just one line of words without columns"),
        ("ragged.csv", b"a,b\n1,2,3\n"),
        ("latin.csv", "pays,valeur\nC\xf4te d'Ivoire,3\n".encode("cp1252")),
        ("empty.pdf", b""),
    ],
)
def test_anything_else_is_refused(api, fra_user, readiness, name, content):
    response = attach(api(fra_user), readiness, name=name, content=content)
    assert response.status_code == 400 and "file" in response.json()
    assert not Evidence.objects.exists()


def test_a_file_over_the_limit_is_413(api, fra_user, readiness, settings):
    settings.EVIDENCE_MAX_BYTES = 40
    assert attach(api(fra_user), readiness).status_code == 413
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("who", "lists", "downloads"),
    [
        ("owner", 200, 200),
        ("secretariat", 200, 200),
        ("other", 404, 404),
        ("council", 404, 404),
        ("anonymous", 404, 404),
    ],
)
def test_only_the_records_readers_see_its_evidence(
    api, users, fra_user, readiness, who, lists, downloads
):
    evidence = attach(api(fra_user), readiness).json()
    client = api(users[who])
    assert client.get(URL.format(readiness.pk)).status_code == lists
    download = f"{URL.format(readiness.pk)}{evidence['id']}/download/"
    response = client.get(download)
    assert response.status_code == downloads
    if downloads == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert 'filename="law.pdf"' in response["Content-Disposition"]
    # In the browser too.
    if users[who] is not None:
        client.force_login(users[who])
    page = client.get(
        f"/evidence/security/passenger-data-readiness/{readiness.pk}/{evidence['id']}/download/"
    )
    assert page.status_code == downloads


@pytest.mark.parametrize("who", ["other", "council"])
def test_others_cannot_attach_evidence(api, users, readiness, who):
    assert attach(api(users[who]), readiness).status_code in (403, 404)


def test_evidence_changes_only_while_the_record_may(api, fra_user, readiness):
    client = api(fra_user)
    evidence = attach(client, readiness).json()
    readiness.status = WorkflowStatus.PUBLISHED
    readiness.save()
    assert attach(client, readiness).status_code == 409
    assert client.delete(f"{URL.format(readiness.pk)}{evidence['id']}/").status_code == 409
    readiness.status = WorkflowStatus.RETURNED
    readiness.save()
    assert client.delete(f"{URL.format(readiness.pk)}{evidence['id']}/").status_code == 204
    assert not Evidence.objects.exists()


def test_evidence_is_in_the_records_history_and_page(api, client, fra_user, readiness):
    attach(api(fra_user), readiness)
    history = (
        api(fra_user)
        .get(f"/api/v1/security/passenger-data-readiness/{readiness.pk}/history/")
        .json()
    )
    assert {"field": "evidence", "old": None, "new": "law.pdf"} in [
        {k: c[k] for k in ("field", "old", "new")} for entry in history for c in entry["changes"]
    ]
    client.force_login(fra_user)
    page = client.get(readiness.get_absolute_url()).content.decode()
    assert "law.pdf" in page and 'enctype="multipart/form-data"' in page


def test_a_member_attaches_evidence_in_the_browser(client, fra_user, readiness):
    client.force_login(fra_user)
    response = client.post(
        f"/evidence/security/passenger-data-readiness/{readiness.pk}/add/",
        {"file": upload("certificate.png", PNG), "description": "The certificate"},
        follow=True,
    )
    assert "certificate.png is attached" in response.content.decode()
    assert Evidence.objects.get().content_type == "image/png"
    response = client.post(
        f"/evidence/security/passenger-data-readiness/{readiness.pk}/add/",
        {"file": upload("program.pdf", b"MZ" + b"\x00" * 40)},
        follow=True,
    )
    assert "not one of the kinds accepted" in response.content.decode()
    assert Evidence.objects.count() == 1
