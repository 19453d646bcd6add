"""Demo data of the facilitation registers for `manage.py seed_demo`, found by it alone (web and
worker processes never load it).

The data tells the programme's story. Developed members notified almost every TFA measure as
category A; developing members notified part of them as B or C, first with indicative dates,
then with definitive ones, and report measures implemented as they go: the implementation rate
rises from about 60% to 80% over the programme, sooner in Europe than in Africa. Release times
fall in most administrations that measure them, though they grow in some. Members adopt more of
the e-commerce standards each year; one standard was revised less than two years ago and part of
its adopters are still on the first version. The Secretariat holds more joint activities with
the WTO and other organisations each year, and about six members in ten report their revenue,
some of them confidentially. The latest submissions are still being written or reviewed.

Records are made in bulk, with their audit history, by the registers' rules: a sample of each
register goes through `full_clean()` here, and every record in the tests
(facilitation/tests/test_report.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from core.choices import Confidentiality
from core.demo import Reviewer, active_members, after, between, clip, member_users, validate
from core.models import Commitment, Member
from core.registry import demo_data
from facilitation.choices import ActivityKind, AdoptionStatus, BorderMode, Category
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)
from facilitation.querysets import TFA_ENTRY_INTO_FORCE

# WTO members that do not claim special and differential treatment, and other high-income
# administrations: they implement the whole Agreement from its entry into force.
# fmt: off
DEVELOPED = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE", "GBR", "NOR", "CHE", "ISL", "AND", "USA", "CAN", "JPN", "AUS", "NZL", "KOR", "SGP",
    "ISR", "HKG", "MAC",
}
# Developing members with the means of developed ones: most measures in category A.
ADVANCED = {
    "ARE", "QAT", "KWT", "BHR", "SAU", "OMN", "BRN", "CHL", "URY", "MYS", "CHN", "MEX", "TUR",
    "TTO", "BHS", "BRB", "MUS", "CRI", "PAN", "BMU", "CUW",
}
# fmt: on
# The capacity of a region's developing administrations to implement, from 0 to 1.
REGION_CAPACITY = {"EUR": 0.6, "AMC": 0.5, "ASP": 0.5, "MENA": 0.5, "ESA": 0.3, "WCA": 0.25}

# How hard a measure is to put in place (0 to 1); the others 0.3.
MEASURE_DIFFICULTY = {
    "1.2": 0.45, "3": 0.6, "5.3": 0.5, "7.1": 0.6, "7.2": 0.55, "7.4": 0.75, "7.5": 0.6,
    "7.6": 0.8, "7.7": 0.7, "7.8": 0.45, "8": 0.7, "10.3": 0.5, "10.4": 0.95, "10.7": 0.5,
    "12": 0.7,
}  # fmt: skip
# Developing members notified their category B definitive dates by February 2020 and their
# category C definitive dates by August 2022 (TFA Articles 16.1 and 16.2).
B_DEFINITIVE_BY = date(2020, 2, 22)
C_DEFINITIVE_BY = date(2022, 8, 22)
LAST_COMMITMENT = date(2030, 12, 31)
ASSISTANCE = [
    "Legal drafting support to bring the national legislation in line with the measure",
    "Expert advice on the design of procedures and a pilot at the main border posts",
    "ICT equipment and software, with training for the officers who use them",
    "Training of customs officers and of the other border agencies",
    "Funding for the infrastructure needed at the main border crossing",
    "Twinning with an administration that has implemented the measure",
]
RETURNED = {
    TFANotification: "The definitive date differs from the one notified to the WTO: please check.",
    ReleaseTimeStudy: "Please give the sample size and attach the study's report.",
    EcommerceAdoption: "Please attach the legal text that adopts the standard.",
    RevenueReport: "The total differs from the annual report: please check the figures.",
}

BASE_HOURS = {BorderMode.AIR: 20, BorderMode.SEA: 90, BorderMode.LAND: 14, BorderMode.POSTAL: 48}
SAMPLES = {
    BorderMode.AIR: (400, 4000),
    BorderMode.SEA: (150, 1500),
    BorderMode.LAND: (300, 3000),
    BorderMode.POSTAL: (500, 6000),
}
# The standard the Secretariat revised, and how far its adopters have followed.
REVISED_STANDARD = 2
REVISED_TITLE = "Use of international standards for advance electronic data, including postal data"

# (partner, kind, title, commitment, weight); {year}, {region} and {topic} are filled in.
ACTIVITIES = [
    ("WTO Committee on Trade Facilitation", ActivityKind.MEETING,
     "Joint session with the WTO Committee on Trade Facilitation: {topic}", "TF-2", 14),
    ("World Trade Organization", ActivityKind.WORKSHOP,
     "WCO-WTO regional workshop for {region} on {topic}", "TF-2", 8),
    ("World Trade Organization", ActivityKind.ASSISTANCE,
     "Joint needs assessment of category C measures in {region}", "TF-1", 4),
    ("World Trade Organization", ActivityKind.PUBLICATION,
     "Joint note on the TFA implementation rate, {year}", "TF-1", 2),
    ("UNCTAD", ActivityKind.ASSISTANCE,
     "Support to national trade facilitation committees in {region}", "TF-2", 4),
    ("Universal Postal Union", ActivityKind.WORKSHOP,
     "WCO-UPU workshop on postal e-commerce and electronic advance data", "TF-3", 4),
    ("Universal Postal Union", ActivityKind.PUBLICATION,
     "WCO-UPU guidelines on the exchange of electronic advance data: {year} update", "TF-3", 2),
    ("World Bank Group", ActivityKind.ASSISTANCE,
     "Trade facilitation support programme: joint mission to {region}", "TF-2", 3),
    ("World Bank Group", ActivityKind.PUBLICATION,
     "Time release studies in practice: joint guide, {year} edition", "TF-1", 1),
    ("OECD", ActivityKind.PUBLICATION,
     "Trade facilitation indicators: joint analysis of {year}", "TF-2", 2),
    ("ICAO", ActivityKind.MEETING,
     "WCO-ICAO joint conference on air cargo facilitation and security", "TF-2", 2),
    ("International Trade Centre", ActivityKind.WORKSHOP,
     "Workshop for traders of {region} on the TFA's transparency measures", "TF-2", 2),
    ("UNECE", ActivityKind.MEETING,
     "Joint expert meeting on single windows and data harmonization", "TF-2", 2),
    ("IMO", ActivityKind.MEETING,
     "Joint meeting on the maritime single window", "TF-2", 1),
    ("Global Alliance for Trade Facilitation", ActivityKind.ASSISTANCE,
     "Public-private project on {topic} in {region}", "TF-2", 2),
    ("Universal Postal Union", ActivityKind.MEETING,
     "WCO-UPU Contact Committee: cross-border e-commerce", "TF-3", 2),
]  # fmt: skip
TOPICS = [
    "risk management",
    "advance rulings",
    "authorized operators",
    "the single window",
    "pre-arrival processing",
    "time release studies",
    "border agency cooperation",
    "transit",
    "electronic payment",
    "category C notifications",
    "cross-border e-commerce",
]
REGION_NAMES = {
    "AMC": "the Americas and the Caribbean",
    "EUR": "Europe",
    "ASP": "Asia/Pacific",
    "ESA": "East and Southern Africa",
    "WCA": "West and Central Africa",
    "MENA": "North of Africa, Near and Middle East",
}
OUTCOMES = {
    ActivityKind.MEETING: [
        "Members shared their experience; the Secretariats agreed the next steps of the joint "
        "work programme.",
        "Participants agreed joint recommendations, reported to both organisations' committees.",
    ],
    ActivityKind.WORKSHOP: [
        "{n} officials from {m} administrations trained; a follow-up plan was agreed.",
        "{n} participants; the material is published on both organisations' websites.",
    ],
    ActivityKind.ASSISTANCE: [
        "{m} administrations assessed; their needs were matched with donors' programmes.",
        "Action plans agreed with {m} administrations; progress is reviewed in six months.",
    ],
    ActivityKind.PUBLICATION: [
        "Published and presented to the Committee.",
        "Published; {m} administrations contributed case studies.",
    ],
    ActivityKind.OTHER: ["Held as planned."],
}

# Currencies members report revenue in (units for one US dollar, roughly); the others report in
# US dollars.
# fmt: off
EURO = {
    "AUT", "BEL", "HRV", "CYP", "EST", "FIN", "FRA", "DEU", "GRC", "IRL", "ITA", "LVA", "LTU",
    "LUX", "MLT", "NLD", "PRT", "SVK", "SVN", "ESP", "AND", "MNE", "XKX",
}
CURRENCIES = {
    "GBR": ("GBP", 0.8), "CAN": ("CAD", 1.35), "JPN": ("JPY", 150), "AUS": ("AUD", 1.5),
    "NZL": ("NZD", 1.65), "CHE": ("CHF", 0.9), "NOR": ("NOK", 10.5), "SWE": ("SEK", 10.5),
    "DNK": ("DKK", 6.9), "ISL": ("ISK", 138), "POL": ("PLN", 4), "CZE": ("CZK", 23),
    "HUN": ("HUF", 360), "ROU": ("RON", 4.6), "BGR": ("BGN", 1.8), "KOR": ("KRW", 1350),
    "SGP": ("SGD", 1.35), "HKG": ("HKD", 7.8), "CHN": ("CNY", 7.2), "IND": ("INR", 83),
    "BRA": ("BRL", 5), "MEX": ("MXN", 17), "CHL": ("CLP", 900), "COL": ("COP", 4000),
    "PER": ("PEN", 3.7), "ZAF": ("ZAR", 18.5), "KEN": ("KES", 130), "NGA": ("NGN", 900),
    "EGY": ("EGP", 48), "MAR": ("MAD", 10), "TUR": ("TRY", 30), "SAU": ("SAR", 3.75),
    "ARE": ("AED", 3.67), "IDN": ("IDR", 15500), "MYS": ("MYR", 4.7), "THA": ("THB", 35),
    "PHL": ("PHP", 56), "VNM": ("VND", 24500), "PAK": ("PKR", 280), "BGD": ("BDT", 110),
    "UKR": ("UAH", 40), "KAZ": ("KZT", 450), "GHA": ("GHS", 12), "TZA": ("TZS", 2500),
    "UGA": ("UGX", 3800), "ISR": ("ILS", 3.7),
    **dict.fromkeys(("BEN", "BFA", "CIV", "GNB", "MLI", "NER", "SEN", "TGO"), ("XOF", 600)),
    **dict.fromkeys(("CMR", "CAF", "TCD", "COG", "GNQ", "GAB"), ("XAF", 600)),
}
# fmt: on


@dataclass
class Profile:
    """How a member administration implements: `developed` ones implement the Agreement on its
    entry into force; the others at the pace of their `capacity` (0 to 1)."""

    member: Member
    developed: bool
    capacity: float

    @property
    def since(self):
        """The first day the member could notify the TFA's measures."""
        joined = self.member.joined_on
        return max(TFA_ENTRY_INTO_FORCE, joined) if joined else TFA_ENTRY_INTO_FORCE

    @property
    def first_year(self):
        """The first year the member reports anything as a member of the WCO."""
        joined = self.member.joined_on
        return joined.year if joined else 1990


def profiles(rng, members):
    result = []
    for member in members:
        developed = member.code in DEVELOPED
        if developed:
            capacity = rng.uniform(0.85, 1.0)
        else:
            capacity = rng.gauss(REGION_CAPACITY.get(member.region.code, 0.45), 0.13)
            if member.code in ADVANCED:
                capacity += 0.25
            capacity = clip(capacity, 0.05, 0.9)
        result.append(Profile(member, developed, capacity))
    return result


@demo_data("facilitation")
def seed(rng, periods, today, by):
    registers = (TFANotification, ReleaseTimeStudy, EcommerceAdoption, JointActivity, RevenueReport)
    if any(model.objects.exists() for model in registers):
        return {}
    members = active_members()
    users = member_users()
    reviewer = Reviewer(rng, today, by, users, RETURNED)
    first_day = periods[0][0]
    since = first_day.replace(year=first_day.year - 1)
    members_profiles = profiles(rng, members)
    return {
        "TFA notifications": make_notifications(rng, members_profiles, today, reviewer),
        "release-time studies": make_studies(rng, members_profiles, first_day, today, reviewer),
        "e-commerce adoptions": make_adoptions(rng, members_profiles, today, by, reviewer),
        "joint activities": make_activities(rng, since, today, by),
        "revenue reports": make_revenue(rng, members_profiles, first_day, today, reviewer),
    }


# --- TFA notifications -----------------------------------------------------------------------


def commitment(rng, profile, difficulty):
    """(category, planned implementation day or None) of a measure for a member."""
    if profile.developed:
        if rng.random() < 0.02:
            return Category.B, between(rng, after(profile.since, 0.5), after(profile.since, 2.8))
        return Category.A, None
    capacity = profile.capacity
    if rng.random() < clip(0.85 * capacity - 0.45 * difficulty + 0.05, 0.02, 0.95):
        return Category.A, None
    if rng.random() < clip(0.9 - 1.1 * capacity + 0.35 * difficulty, 0.05, 0.9):
        category = Category.C
        earliest = 2 + 3 * (1 - capacity)
        years = rng.uniform(earliest, earliest + 6 + 10 * (1 - capacity) + 2 * difficulty)
    else:
        category = Category.B
        years = rng.uniform(0.5, 3.5 + 10 * (1 - capacity) + 2 * difficulty)
    planned = after(profile.since, years)
    if planned > LAST_COMMITMENT:
        # Commitments run to 2030 at the latest: the furthest are spread over its last years.
        planned = between(rng, date(2028, 1, 1), LAST_COMMITMENT)
    return category, planned


def make_notifications(rng, members_profiles, today, reviewer):
    """Every active member's notification of each of the 36 measures."""
    measures = list(TFAMeasure.objects.order_by("position"))
    notifications = []
    for profile in members_profiles:
        member = profile.member
        # Category A notifications came with the Agreement's entry into force, or on joining.
        notified_on = between(rng, profile.since, after(profile.since, 0.8))
        for measure in measures:
            category, planned = commitment(rng, profile, MEASURE_DIFFICULTY.get(measure.code, 0.3))
            notification = TFANotification(member=member, measure=measure, category=category)
            sent_on = notified_on
            if category != Category.A:
                sent_on = notify_dates(rng, notification, planned, notified_on, today)
                if category == Category.C:
                    notification.assistance_needed = (
                        f"{rng.choice(ASSISTANCE)} ({measure.title.lower()})."
                    )
            notifications.append(reviewer.apply(notification, sent_on, member))
    validate(rng, notifications, 25)
    bulk_create_with_history(
        notifications, TFANotification, batch_size=2000, default_user=reviewer.by
    )
    return len(notifications)


def notify_dates(rng, notification, planned, notified_on, today):
    """The indicative, definitive and implementation dates of a B or C commitment planned for
    `planned`; returns the day the member last reported on it."""
    category = notification.category
    notification.indicative_date = max(
        after(planned, -rng.uniform(0, 2.5)), after(notified_on, 0.5), TFA_ENTRY_INTO_FORCE
    )
    if notification.indicative_date > planned:
        notification.indicative_date = planned
    sent_on = notified_on
    # The definitive date, notified by the deadline (a few C commitments still wait for their
    # assistance and keep their indicative date).
    deadline = B_DEFINITIVE_BY if category == Category.B else C_DEFINITIVE_BY
    opens = after(deadline, -1.5)
    definitive_on = between(rng, max(opens, notified_on), max(deadline, notified_on))
    waiting = category == Category.C and planned > today and rng.random() < 0.15
    if not waiting and definitive_on <= today:
        notification.definitive_date = planned
        sent_on = max(sent_on, min(definitive_on, planned - timedelta(days=30)))
    # Measures implemented: most are reported when due, a few early.
    early = rng.random() < 0.04
    if (planned <= today and rng.random() < 0.6) or early:
        implemented = planned + timedelta(days=rng.randint(-90, 30))
        if early:
            implemented = between(rng, notified_on, today)
        notification.implemented_on = clip(implemented, TFA_ENTRY_INTO_FORCE, today)
        reported = notification.implemented_on + timedelta(days=rng.randint(10, 120))
        sent_on = max(sent_on, min(reported, today - timedelta(days=rng.randint(0, 20))))
    return sent_on


# --- release-time studies --------------------------------------------------------------------


def make_studies(rng, members_profiles, first_day, today, reviewer):
    """Most members measure release times every year or few, in one to four border modes;
    the times fall in most series and grow in some."""
    modes = [BorderMode.AIR, BorderMode.SEA, BorderMode.LAND, BorderMode.POSTAL]
    studies = []
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= (0.9 if profile.developed else 0.55 + 0.4 * profile.capacity):
            continue
        count = rng.choices([1, 2, 3, 4], weights=[25, 35, 25, 15])[0]
        slowness = (1.9 - profile.capacity) * rng.lognormvariate(0, 0.25)
        first_year = rng.randint(first_day.year - 6, first_day.year + 1)
        first_year = max(first_year, profile.first_year)
        for mode in modes[:count]:
            hours = BASE_HOURS[mode] * slowness * rng.lognormvariate(0, 0.2)
            grows = rng.random() < 0.15
            yearly = rng.gauss(0.03, 0.015) if grows else rng.gauss(-0.07, 0.04)
            year = first_year + rng.randint(0, 1)
            start = year
            while year <= today.year:
                factor = (1 + yearly) ** (year - start) * rng.gauss(1, 0.04)
                # The study's week is in the first half of the year, its report months later.
                sent_on = date(year, 1, 1) + timedelta(days=rng.randint(150, 420))
                if sent_on > today and year < today.year:
                    sent_on = today - timedelta(days=rng.randint(0, 30))
                if sent_on <= today or rng.random() < 0.5:
                    low, high = SAMPLES[mode]
                    study = ReleaseTimeStudy(
                        member=member,
                        year=year,
                        mode=mode,
                        average_release_hours=Decimal(f"{max(0.5, hours * factor):.2f}"),
                        sample_size=rng.randint(low, high),
                    )
                    studies.append(reviewer.apply(study, sent_on, member))
                year += rng.choice([1, 1, 2, 2, 3])
    validate(rng, studies, 15)
    bulk_create_with_history(studies, ReleaseTimeStudy, batch_size=2000, default_user=reviewer.by)
    return len(studies)


# --- e-commerce adoptions --------------------------------------------------------------------


def make_adoptions(rng, members_profiles, today, by, reviewer):
    """Members that answer the Secretariat's survey report on each standard; each adopts the
    framework around a year of its own, the standards a little before or after it."""
    standards = list(EcommerceStandard.objects.order_by("number"))
    revised = next((s for s in standards if s.number == REVISED_STANDARD), None)
    if revised is not None and revised.version == 1:
        revised.revise(between(rng, after(today, -1.7), after(today, -1.1)), by, REVISED_TITLE)
    # Some standards are adopted sooner than others.
    lead = {s.number: rng.gauss(0, 0.8) for s in standards}
    lead[15] = lead.get(15, 0) + 1.0  # transformative technologies come last
    adoptions = []
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= (0.95 if profile.developed else 0.5 + 0.45 * profile.capacity):
            continue
        if profile.developed:
            centre = rng.uniform(2018.6, 2026)
        else:
            centre = 2019.5 + (1.1 - profile.capacity) * rng.uniform(2, 20)
        surveyed_on = max(between(rng, date(2019, 3, 1), date(2020, 12, 31)), profile.since)
        for standard in standards:
            fully = year_day(centre + lead[standard.number] + rng.gauss(0, 0.9))
            earliest = max(date(standard.since, 3, 1), profile.since)
            fully = max(fully, earliest + timedelta(days=rng.randint(0, 400)))
            partly = after(fully, -rng.uniform(0.5, 2.5))
            announced = after(partly, -rng.uniform(0.3, 2))
            adoption = EcommerceAdoption(member=member, standard=standard)
            opened = date(standard.since, 1, 1)
            if fully <= today:
                adoption.adoption_status = AdoptionStatus.FULLY
                adoption.adopted_on = fully
            elif partly <= today and partly >= opened:
                adoption.adoption_status = AdoptionStatus.PARTLY
                adoption.adopted_on = partly
            elif announced <= today:
                adoption.adoption_status = AdoptionStatus.PLANNED
                adoption.planned_on = fully
            adoption.version = version_of(rng, standard, adoption, today)
            event = adoption.adopted_on or (announced if adoption.planned_on else None)
            if event is None:
                sent_on = max(surveyed_on, date(standard.since, 6, 1))
            else:
                sent_on = max(surveyed_on, event) + timedelta(days=rng.randint(10, 150))
            if sent_on > today:
                sent_on = today - timedelta(days=rng.randint(0, 30))
            adoptions.append(reviewer.apply(adoption, sent_on, member))
    validate(rng, adoptions, 15)
    bulk_create_with_history(adoptions, EcommerceAdoption, batch_size=2000, default_user=by)
    return len(adoptions)


def year_day(year):
    """The day at fractional year `year` (2021.5: about 1 July 2021)."""
    whole = int(year)
    return date(whole, 1, 1) + timedelta(days=round((year - whole) * 365))


def version_of(rng, standard, adoption, today):
    """The version an adoption refers to: the one in force when the member adopted it; a third
    of those who adopted the first version of a revised standard have adopted the new one."""
    if standard.version == 1 or not standard.revised_on:
        return standard.version
    if adoption.adopted_on is None or adoption.adopted_on >= standard.revised_on:
        return standard.version
    if rng.random() < 0.35:
        updated = standard.revised_on + timedelta(days=rng.randint(60, 400))
        if updated <= today:
            adoption.adopted_on = updated
            return standard.version
    return standard.version - 1


# --- joint activities ------------------------------------------------------------------------


def make_activities(rng, since, today, by):
    """Eight joint activities a year at the start of the programme, about fourteen now."""
    commitments = {c.code: c for c in Commitment.objects.filter(code__in=["TF-1", "TF-2", "TF-3"])}
    weights = [entry[-1] for entry in ACTIVITIES]
    activities = []
    for year in range(since.year, today.year + 1):
        count = round(clip(8 + 1.2 * (year - 2021) + rng.gauss(0, 0.7), 8, 15))
        for index in range(count):
            # Spread over the year; none in the summer break of August.
            offset = round((index + rng.random()) * 340 / count)
            held_on = date(year, 1, 10) + timedelta(days=offset)
            if held_on.month == 8:
                held_on = date(year, 9, rng.randint(1, 12))
            if held_on < since or held_on > today:
                continue
            partner, kind, title, code, _ = rng.choices(ACTIVITIES, weights=weights)[0]
            region = rng.choice(sorted(REGION_NAMES))
            outcome = rng.choice(OUTCOMES[kind]).format(
                n=rng.randint(25, 120), m=rng.randint(4, 22)
            )
            activity = JointActivity(
                held_on=held_on,
                partner=partner,
                kind=kind,
                title=title.format(
                    year=year, region=REGION_NAMES[region], topic=rng.choice(TOPICS)
                ),
                outcome=outcome if held_on < today - timedelta(days=14) else "",
                commitment=commitments.get(code),
                created_by=by,
                updated_by=by,
            )
            activities.append(activity)
    activities.sort(key=lambda a: a.held_on)
    validate(rng, activities, 20)
    bulk_create_with_history(activities, JointActivity, default_user=by)
    return len(activities)


# --- revenue ---------------------------------------------------------------------------------


def make_revenue(rng, members_profiles, first_day, today, reviewer):
    """About six members in ten report their revenue each year, and most of them the part
    collected on cross-border e-commerce, a share that grows; some report confidentially."""
    reports = []
    first_year, last_year = first_day.year - 1, today.year - 1
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= (0.8 if profile.developed else 0.35 + 0.4 * profile.capacity):
            continue
        code = member.code
        currency, per_dollar = ("EUR", 0.92) if code in EURO else CURRENCIES.get(code, ("USD", 1))
        size = 10 ** (rng.uniform(8, 10.7) if profile.developed else rng.uniform(7.2, 10))
        growth = rng.uniform(0.01, 0.08)
        share = rng.uniform(0.3, 3.0) if rng.random() < 0.8 else None
        confidentiality = rng.choices(
            [
                Confidentiality.PUBLIC,
                Confidentiality.MEMBERS,
                Confidentiality.RESTRICTED,
                Confidentiality.CONFIDENTIAL,
            ],
            weights=[20, 60, 12, 8],
        )[0]
        start = max(first_year + rng.choice([0, 0, 0, 1, 2]), profile.first_year)
        for year in range(start, last_year + 1):
            if rng.random() < 0.08:
                continue  # a year the member did not report
            total = size * per_dollar * (1 + growth) ** (year - first_year) * rng.gauss(1, 0.05)
            report = RevenueReport(
                member=member,
                year=year,
                currency=currency,
                total_revenue=Decimal(f"{total:.2f}"),
                confidentiality=confidentiality,
            )
            if share is not None:
                yearly_share = share + (year - first_year) * rng.uniform(0.2, 0.9)
                report.ecommerce_revenue = Decimal(f"{total * yearly_share / 100:.2f}")
            sent_on = date(year + 1, 1, 1) + timedelta(days=rng.randint(45, 330))
            if year == last_year and rng.random() < 0.12:
                sent_on = today + timedelta(days=30)  # still being prepared
            reports.append(reviewer.apply(report, sent_on, member))
    validate(rng, reports, 15)
    bulk_create_with_history(reports, RevenueReport, batch_size=2000, default_user=reviewer.by)
    return len(reports)
