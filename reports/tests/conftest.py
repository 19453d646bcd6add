import pytest

from reports.models import ReportSchedule


@pytest.fixture(autouse=True)
def report_media(settings, tmp_path):
    """Each test writes its report files to a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def monthly(db):
    """The monthly programme report made by the data migration."""
    return ReportSchedule.objects.get(name="Monthly programme transparency report")
