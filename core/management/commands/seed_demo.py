"""Demo data: every member, years of quarterly measurements, the areas' registers, and the demo
users (docs/operations.md, "Demo data and users").

`--scale N` multiplies the records: N x 5 years of quarterly history. The data has a realistic
shape: members progress at their own pace, some skip periods, the latest quarter is partly still
in review (submitted, validated, returned, draft). Each area makes its registers' demo data
(`core.registry.demo_data`); the computed indicators are then recorded for every quarter from
those registers, as the daily task would have, instead of being invented. Running it again adds
nothing.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from core import computed
from core.choices import Aggregation, Direction, IndicatorScope, WorkflowStatus
from core.demo import make_cycle
from core.models import Indicator, Measurement, Member
from core.registry import COMPUTED_PREFIX, autodiscover_demo, demo_datasets, demo_finishing
from core.roles import council_group, secretariat_group
from core.services import load_members

User = get_user_model()


def quarters_back(count, today):
    """The last `count` complete quarters before `today`, oldest first: (start, end) pairs."""
    first_month = 3 * ((today.month - 1) // 3) + 1
    end_of_last = date(today.year, first_month, 1) - timedelta(days=1)
    periods = []
    end = end_of_last
    for _ in range(count):
        start = date(end.year, end.month - 2, 1)
        periods.append((start, end))
        end = start - timedelta(days=1)
    return list(reversed(periods))


def periods_between(frequency, first_day, last_day):
    """The reporting periods of `frequency` from the one containing `first_day` to the last one
    that ends by `last_day`."""
    periods, day = [], first_day
    while day <= last_day:
        start, end = computed.period_containing(day, frequency)
        if end <= last_day:
            periods.append((start, end))
        day = end + timedelta(days=1)
    return periods


class Command(BaseCommand):
    help = "Load demo members, users, measurements and registers (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="N x 5 years of history")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--no-report", action="store_true", help="do not make a first report from the data"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even with the production settings (sets one known password on 188 users)",
        )

    def handle(self, *args, scale, seed, no_report, force, **options):
        if settings.PRODUCTION and not force:
            raise CommandError(
                "seed_demo refuses to run with the production settings: it makes 188 users who "
                "all share the password DEMO_PASSWORD. Use --force only on a demonstration "
                "server that holds no real data."
            )
        if scale < 1:
            scale = 1
        rng = random.Random(seed)
        autodiscover_demo()
        periods = quarters_back(20 * scale, timezone.localdate())
        with transaction.atomic():
            if not Member.objects.exists():
                created, _ = load_members()
                self.stdout.write(f"Members: {created} loaded.")
            users = self.make_users()
            secretariat = users["secretariat"]
            if Measurement.objects.exists():
                measured = 0
                self.stdout.write("Measurements already present: none added.")
            else:
                measured = self.make_measurements(rng, periods, secretariat)
                self.stdout.write(
                    f"Measurements: {measured} created ({scale * 5} years, quarterly)."
                )
            registers = self.make_registers(seed, periods, secretariat)
            if measured or registers:
                count = self.record_computed_indicators(periods, secretariat)
                self.stdout.write(f"Computed indicators: {count} values recorded.")
            made = make_cycle(random.Random(f"{seed}-cycle"), timezone.localdate(), secretariat)
            if made:
                listed = ", ".join(f"{count} {what}" for what, count in made.items())
                self.stdout.write(f"Reporting cycle: {listed}.")
        if not no_report:
            # Once the data is in: what apps make from it (the reports app, a first report).
            for _name, finish in sorted(demo_finishing().items()):
                line = finish(users["secretariat"])
                if line:
                    self.stdout.write(line)
        password = settings.DEMO_PASSWORD
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo users (password: {password}):\n"
                "  secretariat   the WCO Secretariat (review queue, reports, everything)\n"
                "  council       a Council member (reports)\n"
                "  member-fra    France's administration (one per member: member-<iso3>)\n"
            )
        )

    def make_users(self):
        """secretariat, council and member-<iso3> for every member, all with DEMO_PASSWORD."""
        # One hash for all: hashing 188 passwords one by one takes a minute.
        password = make_password(settings.DEMO_PASSWORD)
        secretariat, _ = User.objects.get_or_create(
            username="secretariat",
            defaults={
                "password": password,
                "is_staff": True,
                "first_name": "WCO",
                "last_name": "Secretariat",
                "email": "secretariat@wcoomd.example",
            },
        )
        secretariat.groups.add(secretariat_group())
        council, _ = User.objects.get_or_create(
            username="council", defaults={"password": password, "email": "council@wcoomd.example"}
        )
        council.groups.add(council_group())
        members = list(Member.objects.select_related("group"))
        existing = set(
            User.objects.filter(username__startswith="member-").values_list("username", flat=True)
        )
        User.objects.bulk_create(
            [
                User(
                    username=f"member-{m.code.lower()}",
                    password=password,
                    first_name=m.name[:150],
                    email=f"customs@{m.code.lower()}.example",
                )
                for m in members
                if f"member-{m.code.lower()}" not in existing
            ]
        )
        by_name = {u.username: u.pk for u in User.objects.filter(username__startswith="member-")}
        Membership = User.groups.through
        have = set(Membership.objects.values_list("user_id", "group_id"))
        Membership.objects.bulk_create(
            [
                Membership(user_id=by_name[f"member-{m.code.lower()}"], group_id=m.group_id)
                for m in members
                if (by_name[f"member-{m.code.lower()}"], m.group_id) not in have
            ]
        )
        return {"secretariat": secretariat, "council": council}

    def make_measurements(self, rng, periods, secretariat):
        members = list(Member.objects.filter(is_active=True))
        # Each commitment advances at its own pace, so the dashboard shows every status.
        paces = {}
        records = []
        # Computed indicators get their values from the registers (record_computed_indicators).
        indicators = Indicator.objects.exclude(source__startswith=COMPUTED_PREFIX)
        for indicator in indicators.select_related("commitment"):
            # Share of the way to the target reached by now; four-fifths of the programme's time
            # has elapsed, so these give off track, at risk and on track commitments.
            pace = paces.setdefault(
                indicator.commitment_id, rng.choice([0.5, 0.68, 0.78, 0.84, 0.9, 1.0])
            )
            if indicator.scope == IndicatorScope.PROGRAMME:
                records += self.programme_series(rng, indicator, periods, pace)
            else:
                records += self.member_series(rng, indicator, periods, members, pace)
        self.review_latest_quarter(rng, records, periods[-1][0])
        for record in records:
            record.created_by = secretariat
            record.updated_by = secretariat
        bulk_create_with_history(records, Measurement, batch_size=2000, default_user=secretariat)
        return len(records)

    def programme_series(self, rng, indicator, periods, pace):
        baseline, target = float(indicator.baseline_value), float(indicator.target_value)
        records = []
        for index, (start, end) in enumerate(periods):
            share = pace * (index + 1) / len(periods)
            value = (
                baseline + (target - baseline) * share + rng.gauss(0, abs(target - baseline) * 0.03)
            )
            records.append(self.measurement(indicator, None, start, end, value))
        return records

    def member_series(self, rng, indicator, periods, members, pace):
        baseline, target = float(indicator.baseline_value), float(indicator.target_value)
        records = []
        for member in members:
            diligence = rng.random()  # some members rarely miss a period, some often do
            if indicator.aggregation == Aggregation.SHARE:
                # The member adopts at some quarter (or never): the share grows over time.
                reach = baseline + (target - baseline) * pace
                adopted_at = (
                    rng.randint(-len(periods), len(periods) - 1)
                    if rng.random() * 100 < reach
                    else None
                )
            else:
                own_base = baseline * rng.uniform(0.7, 1.3)
                own_pace = pace * rng.uniform(0.4, 1.5)
            for index, (start, end) in enumerate(periods):
                if rng.random() > 0.75 + 0.25 * diligence:
                    continue
                if indicator.aggregation == Aggregation.SHARE:
                    value = 1 if adopted_at is not None and index >= adopted_at else 0
                else:
                    share = own_pace * (index + 1) / len(periods)
                    value = (
                        own_base + (target - baseline) * share + rng.gauss(0, abs(target) * 0.02)
                    )
                    value = max(0.0, value)
                    if indicator.unit == "%":
                        value = min(100.0, value)
                    if indicator.direction == Direction.DOWN:
                        value = max(1.0, value)
                records.append(self.measurement(indicator, member, start, end, value))
        return records

    def measurement(self, indicator, member, start, end, value):
        # The secretariat publishes about a month after the period ends.
        published_at = min(
            timezone.now(),
            timezone.make_aware(
                timezone.datetime.combine(end + timedelta(days=30), timezone.datetime.min.time())
            ),
        )
        return Measurement(
            indicator=indicator,
            member=member,
            period_start=start,
            period_end=end,
            value=Decimal(f"{value:.4f}"),
            status=WorkflowStatus.PUBLISHED,
            status_changed_at=published_at,
            published_at=published_at,
        )

    def review_latest_quarter(self, rng, records, latest_start):
        """The latest quarter is still being reviewed: not everything is published yet."""
        latest = [r for r in records if r.period_start == latest_start and r.member is not None]
        for record in latest:
            roll = rng.random()
            if roll < 0.30:
                record.status = WorkflowStatus.SUBMITTED
            elif roll < 0.40:
                record.status = WorkflowStatus.VALIDATED
            elif roll < 0.45:
                record.status = WorkflowStatus.DRAFT
            elif roll < 0.48:
                record.status = WorkflowStatus.RETURNED
                record.returned_reason = "The value differs from the figure in the annual report."
            else:
                continue
            record.published_at = None
        # However few member-reported indicators are left manual, something awaits review.
        if latest and not any(r.status == WorkflowStatus.SUBMITTED for r in latest):
            latest[0].status = WorkflowStatus.SUBMITTED
            latest[0].published_at = None

    def make_registers(self, seed, periods, secretariat):
        """Each area's registers, from a random generator of its own (so one area's data does
        not change when another's does). Returns the number of records created."""
        today = timezone.localdate()
        total = 0
        for area, make in sorted(demo_datasets().items()):
            counts = make(random.Random(f"{seed}-{area}"), periods, today, secretariat)
            if not counts:
                self.stdout.write(f"{area.capitalize()} registers already present: none added.")
                continue
            listed = ", ".join(f"{count} {register}" for register, count in counts.items())
            self.stdout.write(f"{area.capitalize()}: {listed} created.")
            total += sum(counts.values())
        return total

    def record_computed_indicators(self, periods, secretariat):
        """Every period's value of the computed indicators, as the daily task records it on the
        day after the period ends."""
        first_day, last_day = periods[0][0], periods[-1][1]
        recorded = []
        for indicator in computed.computed_programme_indicators():
            for start, end in periods_between(indicator.frequency, first_day, last_day):
                measurement = computed.record(indicator, start, end, as_of=end, by=secretariat)
                if measurement is not None:
                    # The daily task runs at 04:30.
                    moment = timezone.make_aware(
                        datetime.combine(end + timedelta(days=1), time(4, 30))
                    )
                    measurement.published_at = measurement.status_changed_at = min(
                        timezone.now(), moment
                    )
                    recorded.append(measurement)
        Measurement.objects.bulk_update(recorded, ["published_at", "status_changed_at"])
        return len(recorded)
