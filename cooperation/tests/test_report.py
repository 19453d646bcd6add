"""The cooperation chapter of the transparency report: the figures the API serves,
agreements as they stood at the period's end, aggregates only (no confidential agreement's or
exchange's detail, in the HTML or the PDF); and the registers' demo data."""

import json
from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from rest_framework.test import APIRequestFactory, force_authenticate

from cooperation.api.views import SummaryView
from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    OutreachKind,
)
from cooperation.models import (
    Agreement,
    AgreementStaffGrant,
    FollowUpAction,
    InformationExchange,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from cooperation.report import report_section, status_on
from cooperation.tests.factories import (
    AgreementFactory,
    FollowUpActionFactory,
    InformationExchangeFactory,
    OutreachActionFactory,
    PartnerFactory,
    StakeholderDialogueFactory,
)
from core.choices import Confidentiality, WorkflowStatus
from core.models import Measurement, Region
from core.registry import Period, report_sections
from core.tests.factories import MemberFactory
from core.tests.helpers import pdf_text
from reports import rendering
from reports.models import Report, ReportSchedule

pytestmark = pytest.mark.django_db

PERIOD = Period(date(2026, 1, 1), date(2026, 6, 30))
MARK = "Kv8Marker"


def published(day):
    moment = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return {"status": WorkflowStatus.PUBLISHED, "published_at": moment, "status_changed_at": moment}


@pytest.fixture
def ita(db):
    return MemberFactory(code="ITA", name="Italy")


@pytest.fixture
def registers(fra, deu, ita):
    """A CMAA in force since 2015; an MoU with a business association that expired within the
    figures' twelve months; a confidential CMAA that entered into force within them, with an
    exchange under it, both carrying the marker; an unpublished negotiation; dialogues, their
    follow-up actions and outreach within the twelve months and before."""
    icc = PartnerFactory(name="International Chamber of Commerce", acronym="ICC")
    old = AgreementFactory(parties=[fra, deu], **published(date(2015, 2, 1)))
    mou = AgreementFactory(
        parties=[fra],
        partners=[icc],
        kind=AgreementKind.MOU,
        signed_on=date(2019, 3, 1),
        entry_into_force=date(2019, 3, 1),
        expires_on=date(2026, 3, 31),
        agreement_status=AgreementStatus.EXPIRED,
        allows_personal_data=False,
        data_protection_clauses=False,
        legal_basis="",
        safeguards="",
        **published(date(2019, 4, 1)),
    )
    secret = AgreementFactory(
        parties=[deu, ita],
        title=f"{MARK}-title",
        scope=f"{MARK}-scope",
        legal_basis=f"{MARK}-legal-basis",
        safeguards=f"{MARK}-safeguards",
        confidentiality=Confidentiality.CONFIDENTIAL,
        signed_on=date(2025, 9, 1),
        entry_into_force=date(2025, 11, 1),
        **published(date(2025, 9, 20)),
    )
    AgreementFactory(
        parties=[fra, ita],
        agreement_status=AgreementStatus.NEGOTIATING,
        signed_on=None,
        entry_into_force=None,
    )
    exchanges = [
        InformationExchangeFactory(agreement=old, sender=fra, receiver=deu, date=date(2025, 8, 4)),
        InformationExchangeFactory(
            agreement=old, sender=deu, receiver=fra, date=date(2026, 2, 9), personal_data=True
        ),
        InformationExchangeFactory(
            agreement=secret,
            sender=ita,
            receiver=deu,
            date=date(2026, 4, 14),
            reference=f"{MARK}-ref",
            legal_basis=f"{MARK}-exchange-basis",
            note=f"{MARK}-note",
            classification=Confidentiality.CONFIDENTIAL,
        ),
        InformationExchangeFactory(agreement=old, sender=fra, receiver=deu, date=date(2024, 5, 2)),
    ]
    dialogue = StakeholderDialogueFactory(held_on=date(2025, 10, 10))
    dialogue.partners.set([icc])
    FollowUpActionFactory(
        dialogue=dialogue,
        due=date(2025, 12, 1),
        status=ActionStatus.DONE,
        done_on=date(2025, 11, 20),
    )
    FollowUpActionFactory(
        dialogue=dialogue, due=date(2026, 1, 15), status=ActionStatus.DONE, done_on=date(2026, 2, 1)
    )
    FollowUpActionFactory(dialogue=dialogue, due=date(2026, 3, 1), status=ActionStatus.OPEN)
    FollowUpActionFactory(dialogue=dialogue, due=date(2026, 3, 2), status=ActionStatus.DROPPED)
    StakeholderDialogueFactory(kind=DialogueKind.WORKSHOP, held_on=date(2024, 4, 2))
    OutreachActionFactory(held_on=date(2025, 9, 15), region=Region.objects.get(code="EUR"))
    OutreachActionFactory(
        kind=OutreachKind.HIGH_LEVEL_MEETING, held_on=date(2026, 5, 5)
    ).members.set([ita])
    OutreachActionFactory(held_on=date(2023, 6, 1))
    return {"old": old, "mou": mou, "secret": secret, "exchanges": exchanges}


def as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def summary_response(user, query):
    request = APIRequestFactory().get("/api/v1/cooperation/summary/", query)
    if user is not None:
        force_authenticate(request, user)
    response = SummaryView.as_view()(request)
    response.render()
    return response


def test_the_chapter_is_registered_for_the_area():
    assert report_sections()["cooperation"] is report_section


def test_the_chapter_has_the_figures_the_api_serves(registers, secretariat_user, deu_user):
    figures = report_section(PERIOD)["figures"]
    # A half-year report's figures cover the twelve months to its end.
    assert (figures["period_start"], figures["period_end"]) == (date(2025, 7, 1), PERIOD.end)
    query = {"start": "2025-07-01", "end": PERIOD.end.isoformat()}
    for user in (None, deu_user, secretariat_user):
        response = summary_response(user, query)
        assert response.status_code == 200
        assert json.loads(response.content) == as_json(figures)
    # Not empty: the registers' figures, published agreements only.
    agreements = figures["agreements"]
    assert (agreements["in_force"], agreements["in_force_at_start"]) == (2, 2)
    assert (agreements["share_with_clauses"], agreements["share_with_clauses_at_start"]) == (
        100.0,
        50.0,
    )
    assert agreements["by_kind"]["cmaa"] == 2
    assert figures["exchanges"]["total"] == 3
    assert figures["exchanges"]["personal_data"] == {"yes": 1, "no": 2}
    assert figures["dialogues"]["held"] == 1
    assert figures["dialogues"]["follow_up"] == {"due": 3, "done_on_time": 1, "share_on_time": 33.3}
    assert figures["outreach"]["actions"] == 2
    regions = {r["region"]: r["actions"] for r in figures["outreach"]["regions"]}
    assert regions["EUR"] == 2  # one to the region, one to Italy, a member of it


def test_the_chapter_counts_agreements_as_they_stood_at_the_period_end(registers):
    chapter = report_section(PERIOD)
    rows = {row["kind"]: row for row in chapter["agreement_rows"]}
    statuses = [status.value for status in AgreementStatus]
    in_force = statuses.index(AgreementStatus.IN_FORCE)
    expired = statuses.index(AgreementStatus.EXPIRED)
    assert rows["cmaa"]["counts"][in_force] == 2
    assert rows["mou"]["counts"][expired] == 1
    # The unpublished negotiation is not counted; the in-force total is the summary's.
    assert chapter["agreement_totals"]["total"] == 3
    assert (
        chapter["agreement_totals"]["counts"][in_force]
        == chapter["figures"]["agreements"]["in_force"]
    )
    # A year earlier, the MoU was in force and the confidential CMAA not yet published.
    earlier = report_section(Period(date(2025, 1, 1), date(2025, 6, 30)))
    assert earlier["agreement_totals"]["counts"][in_force] == 2
    assert earlier["agreement_totals"]["total"] == 2
    assert earlier["overdue_actions"] == 0
    assert chapter["overdue_actions"] == 1


def test_an_agreement_stands_by_its_dates_on_a_day():
    signed, entry, expires = date(2020, 1, 1), date(2020, 6, 1), date(2024, 12, 31)
    expired = (AgreementStatus.EXPIRED, signed, entry, expires, None)
    assert status_on(date(2019, 12, 31), *expired) == AgreementStatus.NEGOTIATING
    assert status_on(date(2020, 3, 1), *expired) == AgreementStatus.SIGNED
    assert status_on(date(2024, 12, 31), *expired) == AgreementStatus.IN_FORCE
    assert status_on(date(2025, 1, 1), *expired) == AgreementStatus.EXPIRED
    terminated = (AgreementStatus.TERMINATED, signed, entry, None, date(2023, 1, 1))
    assert status_on(date(2022, 12, 31), *terminated) == AgreementStatus.IN_FORCE
    assert status_on(date(2023, 1, 1), *terminated) == AgreementStatus.TERMINATED


def test_the_chapter_renders_its_commitments_tables_and_charts(registers):
    chapter = report_section(PERIOD)
    html = " ".join(render_to_string(chapter["template"], {"section": chapter}).split())
    assert "Cooperation registers" in html and "<svg" in html
    for code in ("COOP-1", "COOP-2", "COOP-3"):
        assert f"<h4>{code}: " in html
    assert "Customs mutual administrative assistance agreement" in html
    assert "Share with clauses" in html
    assert [row["year"] for row in chapter["dialogue_rows"]] == [2024, 2025]
    assert chapter["dialogue_rows"][-1]["share_on_time"] == 33.3


def test_the_chapter_never_shows_a_confidential_agreement_or_an_exchange(registers):
    chapter = report_section(PERIOD)
    html = render_to_string(chapter["template"], {"section": chapter})
    assert MARK not in html
    assert MARK not in json.dumps(as_json(chapter["figures"]))
    # Counted all the same.
    assert chapter["figures"]["exchanges"]["total"] == 3


def test_the_report_pdf_never_prints_the_marker(registers):
    schedule = ReportSchedule.objects.get(name="Monthly programme transparency report")
    report = Report(schedule=schedule, period_start=PERIOD.start, period_end=PERIOD.end)
    pdf, _ = rendering.render_pdf(rendering.gather(report))
    text = pdf_text(pdf)
    assert "Cooperation registers" in text  # the chapter is there, with its aggregates
    assert "Information exchanges of the period" in text
    assert MARK not in text


# --- demo data -------------------------------------------------------------------------------

REGISTERS = [
    Partner,
    Agreement,
    InformationExchange,
    StakeholderDialogue,
    FollowUpAction,
    OutreachAction,
]


def test_seed_demo_fills_every_cooperation_register_once_and_by_the_rules(fra, deu):
    regions = list(Region.objects.order_by("code"))
    for index in range(40):
        MemberFactory(region=regions[index % len(regions)])
    call_command("seed_demo", "--no-report", stdout=StringIO())
    counts = {model.__name__: model.objects.count() for model in REGISTERS}
    assert all(counts.values()), counts
    assert counts["Partner"] >= 40

    # The registers' rules hold for every record (the database holds the constraints), the
    # parties' rule too.
    for model in REGISTERS:
        records = model.objects.all()
        if model is InformationExchange:
            records = records.select_related("agreement")
        if model is FollowUpAction:
            records = records.select_related("dialogue")
        for record in records:
            record.full_clean(validate_constraints=False)
    for agreement in Agreement.objects.prefetch_related("parties", "partners"):
        agreement.check_parties(agreement.parties.all(), agreement.partners.all())
    assert not InformationExchange.objects.filter(
        personal_data=True, agreement__allows_personal_data=False
    ).exists()

    # Its shape: agreements at every stage, some confidential (and the secretariat named on
    # them), some awaiting review, a few expiring soon; exchanges with and without personal data.
    today = timezone.localdate()
    assert len(set(Agreement.objects.values_list("agreement_status", flat=True))) >= 4
    assert set(Agreement.objects.values_list("kind", flat=True)) >= {"cmaa", "mou"}
    confidential = Agreement.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL)
    assert confidential.exists()
    named = AgreementStaffGrant.objects.filter(user__username="secretariat")
    assert set(named.values_list("content_object_id", flat=True)) == set(
        confidential.values_list("pk", flat=True)
    )
    assert Agreement.objects.filter(allows_personal_data=True).exists()
    assert Agreement.objects.expiring_within(180, today).exists()
    assert Agreement.objects.exclude(status=WorkflowStatus.PUBLISHED).exists()
    assert not Agreement.objects.filter(
        status=WorkflowStatus.PUBLISHED, published_at__isnull=True
    ).exists()
    assert set(InformationExchange.objects.values_list("personal_data", flat=True)) == {
        True,
        False,
    }
    assert FollowUpAction.objects.filter(
        due__lt=today, status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS]
    ).exists()

    # The computed indicators, recorded every quarter, improve.
    for code in ("COOP-1.1", "COOP-1.2", "COOP-2.1", "COOP-3.1"):
        values = list(
            Measurement.objects.filter(indicator__code=code)
            .order_by("period_start")
            .values_list("value", flat=True)
        )
        assert len(values) == 20 and values[0] < values[-1], code

    measurements = Measurement.objects.count()
    call_command("seed_demo", "--no-report", stdout=StringIO())
    assert {model.__name__: model.objects.count() for model in REGISTERS} == counts
    assert Measurement.objects.count() == measurements
