"""Deleting a record other records depend on is a conflict (409) that names what depends on it,
never a 500, and deletes nothing."""

from capacity.models import Donor, Project
from capacity.tests.factories import EvaluationFactory, FundingFactory


def test_a_donor_with_funding_is_kept_with_a_409(api, secretariat_user):
    funding = FundingFactory()
    response = api(secretariat_user).delete(f"/api/v1/capacity/donors/{funding.donor_id}/")
    assert response.status_code == 409
    assert "funding" in response.json()["detail"]
    assert Donor.objects.filter(pk=funding.donor_id).exists()


def test_a_project_with_an_evaluation_is_kept_with_a_409(api, secretariat_user):
    evaluation = EvaluationFactory()
    response = api(secretariat_user).delete(f"/api/v1/capacity/projects/{evaluation.project_id}/")
    assert response.status_code == 409
    assert "evaluation" in response.json()["detail"]
    assert Project.objects.filter(pk=evaluation.project_id).exists()
