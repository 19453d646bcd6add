"""The facilitation rules and figures, on the models and services."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.tests.factories import MemberFactory
from core.tests.helpers import publish_on as published
from core.tests.helpers import refused
from facilitation import services
from facilitation.choices import AdoptionStatus, BorderMode, Category
from facilitation.models import TFANotification
from facilitation.tests.factories import (
    EcommerceAdoptionFactory,
    JointActivityFactory,
    ReleaseTimeStudyFactory,
    RevenueReportFactory,
    TFANotificationFactory,
    measure,
    standard,
)

pytestmark = pytest.mark.django_db


# --- TFA notifications ----------------------------------------------------------------------


def test_the_36_measures_are_loaded():
    assert TFANotification._meta.get_field("measure").related_model.objects.count() == 36
    assert measure("7.4").title


def test_a_member_notifies_a_measure_once():
    first = TFANotificationFactory()
    again = TFANotificationFactory.build(member=first.member, measure=first.measure)
    assert "measure" in refused(again)
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()


def test_category_c_says_what_assistance_it_needs():
    record = TFANotificationFactory.build(member=MemberFactory(), category=Category.C)
    assert "assistance_needed" in refused(record)
    record.assistance_needed = "Risk-management training and a targeting system."
    record.full_clean()


def test_the_database_refuses_category_c_without_assistance():
    with pytest.raises(IntegrityError), transaction.atomic():
        TFANotificationFactory(category=Category.C, assistance_needed="")


def test_b_and_c_dates_cannot_precede_the_tfas_entry_into_force():
    record = TFANotificationFactory.build(
        member=MemberFactory(), definitive_date=date(2017, 2, 21), indicative_date=date(2016, 1, 1)
    )
    errors = refused(record)
    assert "22 February 2017" in errors["definitive_date"][0]
    assert "indicative_date" in errors


def test_b_and_c_need_a_date():
    record = TFANotificationFactory.build(member=MemberFactory(), definitive_date=None)
    assert "indicative_date" in refused(record)


def test_category_a_has_no_indicative_or_definitive_date():
    record = TFANotificationFactory.build(member=MemberFactory(), category=Category.A)
    assert "definitive_date" in refused(record)


def test_a_notified_definitive_date_can_be_changed_but_not_removed():
    record = TFANotificationFactory(indicative_date=date(2023, 1, 1))
    record.definitive_date = date(2025, 6, 30)
    record.full_clean()
    record.definitive_date = None
    assert "not removed" in refused(record)["definitive_date"][0]


def test_a_measure_is_not_implemented_in_the_future():
    record = TFANotificationFactory.build(
        member=MemberFactory(), implemented_on=date.today() + timedelta(days=1)
    )
    assert "implemented_on" in refused(record)


def test_the_effective_date_follows_the_wtos_rule():
    def effective(**fields):
        return TFANotificationFactory.build(**fields).effective_date

    assert effective(category=Category.A, definitive_date=None) == date(2017, 2, 22)
    assert effective(indicative_date=date(2026, 1, 1), definitive_date=None) == date(2026, 1, 1)
    assert effective(indicative_date=date(2026, 1, 1), definitive_date=date(2027, 1, 1)) == date(
        2027, 1, 1
    )
    assert effective(definitive_date=date(2027, 1, 1), implemented_on=date(2025, 5, 1)) == date(
        2025, 5, 1
    )


def test_the_implementation_rate_at_any_date():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    day = date(2020, 1, 1)
    for code in ("1.1", "1.2", "1.3"):
        published(
            TFANotificationFactory(
                member=fra, measure=measure(code), category=Category.A, definitive_date=None
            ),
            day,
        )
    published(TFANotificationFactory(member=deu, definitive_date=date(2028, 6, 30)), day)
    TFANotificationFactory(
        member=deu, measure=measure("1.1"), category=Category.A, definitive_date=None
    )  # a draft: never counted
    by_member = services.implementation_by_member(date(2026, 11, 23))
    assert {m.code: f.implemented for m, f in by_member.items()} == {"DEU": 0, "FRA": 3}
    assert services.tfa_implementation_rate(date(2026, 11, 23)) == round(100 * 3 / 72, 1)
    # In the future, Germany's category B commitment on 7.4 counts from its definitive date.
    assert services.tfa_implementation_rate(date(2028, 7, 1)) == round(100 * 4 / 72, 1)
    # Before the Agreement entered into force, nothing was implemented.
    assert services.tfa_implementation_rate(date(2017, 1, 1)) == 0.0
    assert services.implementation_schedule(date(2026, 11, 23)) == {2028: 1}


def test_a_notification_published_later_does_not_change_an_earlier_days_rate():
    fra = MemberFactory(code="FRA")
    published(
        TFANotificationFactory(member=fra, category=Category.A, definitive_date=None),
        date(2024, 1, 1),
    )
    assert services.tfa_implementation_rate(date(2023, 12, 31)) == 0.0
    assert services.tfa_implementation_rate(date(2024, 1, 1)) == round(100 / 36, 1)


def test_implementation_per_measure_and_region():
    fra = MemberFactory(code="FRA")
    published(
        TFANotificationFactory(member=fra, category=Category.A, definitive_date=None),
        date(2020, 1, 1),
    )
    rows = {
        m.code: (count, share)
        for m, count, share in services.implementation_by_measure(date(2026, 1, 1))
    }
    assert rows["7.4"] == (1, 100.0) and rows["1.1"] == (0, 0.0)
    regions, overall = services.implementation_by_region(
        services.implementation_by_member(date(2026, 1, 1))
    )
    assert [r.code for r in regions] == ["EUR"] and overall.implemented == 1


# --- release-time studies -------------------------------------------------------------------


def test_a_study_per_member_year_and_mode():
    first = ReleaseTimeStudyFactory()
    assert "year" in refused(
        ReleaseTimeStudyFactory.build(member=first.member, year=first.year, mode=first.mode)
    )


def test_a_release_time_is_positive_and_a_study_not_in_the_future():
    errors = refused(
        ReleaseTimeStudyFactory.build(
            member=MemberFactory(), average_release_hours=0, year=date.today().year + 1
        )
    )
    assert {"average_release_hours", "year"} <= set(errors)


def test_the_median_reduction_and_the_members_whose_times_grew():
    fra, deu, ita = MemberFactory(code="FRA"), MemberFactory(code="DEU"), MemberFactory(code="ITA")
    for member, first, latest in ((fra, 50, 40), (deu, 20, 25), (ita, 100, 50)):
        published(
            ReleaseTimeStudyFactory(member=member, year=2020, average_release_hours=first),
            date(2021, 1, 1),
        )
        published(
            ReleaseTimeStudyFactory(member=member, year=2024, average_release_hours=latest),
            date(2025, 1, 1),
        )
    ReleaseTimeStudyFactory(member=fra, year=2020, mode=BorderMode.AIR)  # one study: no trend
    day = date(2026, 1, 1)
    trends = services.release_trends(day)
    assert {t.member.code: float(t.reduction) for t in trends} == {
        "FRA": 20.0,
        "DEU": -25.0,
        "ITA": 50.0,
    }
    assert [t.member.code for t in trends if t.grew] == ["DEU"]
    assert services.median_release_time_reduction(day) == 20.0
    assert services.median_release_time_reduction(date(2024, 1, 1)) is None


# --- e-commerce standards -------------------------------------------------------------------


def test_revising_a_standard_gives_it_a_new_version():
    first = standard(3)
    first.revise(date(2025, 3, 1), by=None, title="Risk management for e-commerce")
    first.refresh_from_db()
    assert (first.version, first.revised_on) == (2, date(2025, 3, 1))
    with pytest.raises(ValidationError):
        first.revise(date(2025, 1, 1), by=None)
    assert first.history.latest().version == 2  # the revision is in the audit history


def test_an_adoption_keeps_the_version_it_refers_to():
    adoption = EcommerceAdoptionFactory(standard=standard(3), version=None)
    assert adoption.version == 1 and adoption.is_current
    standard(3).revise(date(2025, 3, 1), by=None)
    adoption.refresh_from_db()
    assert adoption.version == 1 and not adoption.is_current
    newer = EcommerceAdoptionFactory.build(member=MemberFactory(), standard=standard(3), version=3)
    assert "version" in refused(newer)


def test_an_adoption_has_the_dates_its_status_needs():
    member = MemberFactory()
    planned = EcommerceAdoptionFactory.build(
        member=member, adoption_status=AdoptionStatus.PLANNED, adopted_on=None
    )
    assert "planned_on" in refused(planned)
    fully = EcommerceAdoptionFactory.build(member=member, adopted_on=None)
    assert "adopted_on" in refused(fully)
    early = EcommerceAdoptionFactory.build(member=member, adopted_on=date(2015, 1, 1))
    assert "adopted_on" in refused(early)


def test_members_fully_adopting_half_of_the_standards():
    fra, deu = MemberFactory(code="FRA"), MemberFactory(code="DEU")
    for number in range(1, 9):
        published(EcommerceAdoptionFactory(member=fra, standard=standard(number)), date(2024, 4, 1))
    published(EcommerceAdoptionFactory(member=deu, standard=standard(1)), date(2024, 4, 1))
    assert services.members_adopting_half_of_the_standards(date(2025, 1, 1)) == 50.0
    assert services.members_adopting_half_of_the_standards(date(2024, 3, 1)) == 0.0


# --- joint activities and revenue ------------------------------------------------------------


def test_joint_activities_serve_tf2_and_are_counted_over_twelve_months():
    activity = JointActivityFactory(held_on=date(2026, 5, 12))
    JointActivityFactory(held_on=date(2025, 1, 1))
    assert activity.commitment.code == "TF-2"
    assert services.joint_activities_in_year_to(date(2026, 11, 23)) == 1


def test_ecommerce_revenue_is_part_of_the_total():
    record = RevenueReportFactory.build(
        member=MemberFactory(), total_revenue=100, ecommerce_revenue=120, currency="eu"
    )
    errors = refused(record)
    assert {"ecommerce_revenue", "currency"} <= set(errors)
    with pytest.raises(IntegrityError), transaction.atomic():
        RevenueReportFactory(total_revenue=100, ecommerce_revenue=120)


def test_revenue_shares_are_shown_only_over_five_members():
    for _ in range(4):
        published(RevenueReportFactory(member=MemberFactory()), date(2026, 2, 1))
    assert services.revenue_by_year(date(2026, 6, 1)) == [(2025, 4, 4, None)]
    published(RevenueReportFactory(member=MemberFactory()), date(2026, 2, 1))
    assert services.revenue_by_year(date(2026, 6, 1)) == [(2025, 5, 5, 5.0)]
