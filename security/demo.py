"""Demo data of the security registers for `manage.py seed_demo`.

The data tells the programme's story. Almost every member sent its letter of intent to implement
the SAFE Framework between 2005 and 2015, and refers to a recent edition; the third pillar came
with the 2015 edition and fewer implement it. AEO programmes were launched from 2008 on, in Europe
and among the developed administrations first: about a hundred are operational now, others run a
pilot or plan one. Each running programme reports the operators it certified year by year since
its launch, growing as the programme matures; some years are missing, and the latest counts are
still being reviewed. Programmes that are operational recognise one another, mostly in pairs and
some with the European Union, which is one party for its member states; an arrangement is
implemented only once every party's programme is operational. Customs takes part in the national
security strategy in about two members in three, more each year. Access to API passenger data
grows from about 40% of members to 65% over the programme, to PNR data from 15% to 35%; these
records are restricted, a few confidential. Risk-management maturity is assessed every two or
three years and rises slowly. The latest submissions are still being written or reviewed.

Records are made in bulk, with their audit history, by the registers' rules: a sample of each
register goes through `full_clean()` here, and every record in the tests
(security/tests/test_report.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from simple_history.utils import bulk_create_with_history

from core.choices import Confidentiality
from core.demo import Reviewer as BaseReviewer
from core.demo import active_members, after, between, clip, member_users, validate
from core.models import Member
from core.registry import demo_data
from security.choices import AEOCoverage, AEOStatus, Involvement, Readiness, RecognitionStatus
from security.models import (
    RUNNING_AEO,
    SAFE_ADOPTED_ON,
    AEOOperatorCount,
    AEOProgramme,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
    SafeAdoption,
    SafeEdition,
    SafePillar,
    SecurityStrategyRole,
)

# fmt: off
EU = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE",
}
# Administrations with the means to run an AEO programme and passenger-data units early.
DEVELOPED = EU | {
    "GBR", "NOR", "CHE", "ISL", "AND", "USA", "CAN", "JPN", "AUS", "NZL", "KOR", "SGP", "ISR",
    "HKG", "MAC", "ARE", "QAT", "SAU", "CHN", "MYS", "MEX", "TUR", "CHL", "URY",
}
# Members that recognise many others' programmes.
HUBS = {
    "USA": 6, "JPN": 5, "KOR": 6, "CHN": 5, "SGP": 4, "CAN": 3, "AUS": 3, "NZL": 3, "CHE": 3,
    "NOR": 3, "HKG": 4, "IND": 3, "MYS": 2, "THA": 2, "ISR": 2, "MEX": 2, "ARE": 2, "GBR": 3,
}
# fmt: on
# The capacity of a region's developing administrations, from 0 to 1.
REGION_CAPACITY = {"EUR": 0.6, "AMC": 0.5, "ASP": 0.5, "MENA": 0.5, "ESA": 0.35, "WCA": 0.3}
# The European Union's AEO programme has run since 2008.
EU_AEO_LAUNCHED = date(2008, 1, 1)

RETURNED = {
    SafeAdoption: "Please attach the letter of intent.",
    AEOProgramme: "The number of certified operators differs from the annual report: please check.",
    AEOOperatorCount: "This count is lower than last year's: please confirm or correct it.",
    SecurityStrategyRole: "Please give the date of the national security strategy.",
    PassengerDataReadiness: "Please describe the safeguards that apply to PNR data.",
    RiskManagementAssessment: "Please attach the assessment report.",
}
SAFEGUARDS = [
    "Data kept five years, masked after six months; access logged and reviewed by the "
    "data-protection authority.",
    "Processing limited to terrorist offences and serious crime; sensitive data deleted on "
    "receipt; independent oversight.",
    "Access on a need-to-know basis, logged; data kept three years; passengers may ask what is "
    "held about them.",
    "Data-protection officer in the passenger information unit; annual audit by the "
    "supervisory authority.",
]
ASSESSORS = [
    "WCO diagnostic mission",
    "WCO diagnostic mission with the Regional Office for Capacity Building",
    "Self-assessment, validated by the WCO",
    "Self-assessment",
    "Peer review by a neighbouring administration",
]


@dataclass
class Profile:
    """A member administration and its capacity (0 to 1) to put security measures in place."""

    member: Member
    capacity: float

    @property
    def since(self):
        """The first day the member could report: the SAFE Framework's adoption, or joining."""
        joined = self.member.joined_on
        return max(SAFE_ADOPTED_ON, joined) if joined else SAFE_ADOPTED_ON


def profiles(rng, members):
    result = []
    for member in members:
        if member.code in DEVELOPED:
            capacity = rng.uniform(0.8, 1.0)
        else:
            capacity = clip(
                rng.gauss(REGION_CAPACITY.get(member.region.code, 0.4), 0.15), 0.05, 0.9
            )
        result.append(Profile(member, capacity))
    return result


class Reviewer(BaseReviewer):
    """The Secretariat's review of a submission (`core.demo.Reviewer`), and the day a member
    sent it."""

    def sent(self, day, latest=0.04):
        """The day a member sent a record about `day`: a few weeks later, or (for a share
        `latest` of them) in the last weeks, still in review, or not sent yet."""
        rng = self.rng
        if rng.random() < latest:
            return self.today - timedelta(days=rng.randint(-20, 40))
        return min(day + timedelta(days=rng.randint(7, 60)), self.today)


REGISTERS = (
    SafeAdoption,
    AEOProgramme,
    AEOOperatorCount,
    SecurityStrategyRole,
    CustomsUnion,
    MutualRecognition,
    PassengerDataReadiness,
    RiskManagementAssessment,
)


@demo_data("security")
def seed(rng, periods, today, by):
    if any(model.objects.exists() for model in REGISTERS):
        return {}
    members = active_members()
    users = member_users()
    reviewer = Reviewer(rng, today, by, users, RETURNED)
    members_profiles = profiles(rng, members)
    programmes = make_programmes(rng, members_profiles, today, reviewer)
    eu = make_union(members, by)
    return {
        "SAFE adoptions": make_safe_adoptions(rng, members_profiles, today, reviewer),
        "AEO programmes": len(programmes),
        "AEO operator counts": make_operator_counts(rng, members_profiles, programmes, reviewer),
        "security strategy roles": make_strategy_roles(rng, members_profiles, today, reviewer),
        "customs unions": 1,
        "mutual recognition arrangements": make_recognitions(rng, programmes, eu, today, by),
        "passenger data readiness records": make_readiness(rng, members_profiles, today, reviewer),
        "risk-management assessments": make_assessments(rng, members_profiles, today, reviewer),
    }


# --- SAFE adoptions --------------------------------------------------------------------------


def make_safe_adoptions(rng, members_profiles, today, reviewer):
    """About nine members in ten sent a letter of intent, from 2005 to 2015; each refers to the
    latest edition it has caught up with, and implements two or three pillars."""
    editions = list(SafeEdition.objects.order_by("year"))
    pillars = {p.number: p for p in SafePillar.objects.all()}
    adoptions, chosen = [], []
    for profile in members_profiles:
        if rng.random() >= 0.85 + 0.15 * profile.capacity:
            continue
        start = max(profile.since, date(2005, 7, 1))
        letter = between(rng, start, max(start, after(start, 2 + 10 * (1 - profile.capacity))))
        letter = min(letter, date(2015, 12, 31), today)
        # The member caught up with an edition some years after its publication, or not yet.
        lag = rng.uniform(0.2, 1.5 + 6 * (1 - profile.capacity))
        caught_up = [e for e in editions if after(e.published_on, lag) <= today]
        edition = caught_up[-1] if caught_up else editions[0]
        sent_on = max(letter, after(edition.published_on, lag))
        numbers = [1]
        if rng.random() < 0.6 + 0.4 * profile.capacity:
            numbers.append(2)
        if edition.year >= 2015 and rng.random() < 0.2 + 0.6 * profile.capacity:
            numbers.append(3)
        adoption = SafeAdoption(member=profile.member, letter_of_intent_on=letter, edition=edition)
        adoptions.append(reviewer.apply(adoption, reviewer.sent(sent_on), profile.member))
        chosen.append(numbers)
    validate(rng, adoptions, 15)
    bulk_create_with_history(adoptions, SafeAdoption, batch_size=1000, default_user=reviewer.by)
    Through = SafeAdoption.pillars.through
    Through.objects.bulk_create(
        Through(safeadoption_id=adoption.pk, safepillar_id=pillars[number].pk)
        for adoption, numbers in zip(adoptions, chosen, strict=True)
        for number in numbers
        if number in pillars
    )
    return len(adoptions)


# --- AEO programmes --------------------------------------------------------------------------


def make_programmes(rng, members_profiles, today, reviewer):
    """Nine members in ten report on their programme: developed administrations launched theirs
    from 2008 on, the others later or not yet. Returns {member code: programme}."""
    programmes = {}
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= 0.85 + 0.15 * profile.capacity:
            continue
        capacity = profile.capacity
        programme = AEOProgramme(member=member)
        # The year the programme went operational, if it has.
        year = 2008 + rng.uniform(0, 4) + (1 - capacity) * rng.uniform(0, 70)
        launched = date(int(year), 1, 1) + timedelta(days=rng.randint(0, 364))
        launched = max(launched, profile.since, date(2008, 1, 1))
        if member.code in EU:
            launched = between(rng, EU_AEO_LAUNCHED, date(2008, 6, 30))
        if launched <= today:
            programme.programme_status = AEOStatus.OPERATIONAL
        elif launched <= after(today, 2.5):
            # A pilot runs for a year or two before the programme goes operational.
            programme.programme_status = AEOStatus.PILOT
            launched = between(rng, after(today, -1.5), today)
        elif launched <= after(today, 6):
            programme.programme_status = AEOStatus.PLANNED
        else:
            programme.programme_status = AEOStatus.NONE
        sent_on = reviewer.sent(launched)
        if programme.programme_status in (AEOStatus.OPERATIONAL, AEOStatus.PILOT):
            programme.launched_on = launched
            programme.covers = rng.choices(
                [AEOCoverage.BOTH, AEOCoverage.SECURITY, AEOCoverage.COMPLIANCE],
                weights=[70, 20, 10],
            )[0]
            running = (today - launched).days / 365.25
            size = (40 + 600 * capacity**2) * min(1.0, 0.2 + running / 8)
            programme.certified_operators = max(1, round(size * rng.lognormvariate(0, 0.4)))
            programme.counted_on = clip(between(rng, after(today, -1), today), launched, today)
        else:
            sent_on = reviewer.sent(between(rng, date(2016, 1, 1), today))
        programmes[member.code] = reviewer.apply(programme, sent_on, member)
    records = list(programmes.values())
    validate(rng, records, 15)
    bulk_create_with_history(records, AEOProgramme, batch_size=1000, default_user=reviewer.by)
    return programmes


def make_operator_counts(rng, members_profiles, programmes, reviewer):
    """Each pilot or operational programme's certified operators, year by year from its launch
    to its latest count (which is the programme's own `certified_operators`): the number grows
    as the programme matures, by the same curve that sized it. Administrations with less
    capacity skip more years; the latest year's counts are sent lately, half of them still in
    review."""

    def maturity(day, launched):
        return min(1.0, 0.2 + max(0, (day - launched).days) / 365.25 / 8)

    counts = []
    for profile in members_profiles:
        programme = programmes.get(profile.member.code)
        if programme is None or programme.programme_status not in RUNNING_AEO:
            continue
        launched, latest = programme.launched_on, programme.counted_on
        operators = programme.certified_operators
        for year in range(latest.year, launched.year - 1, -1):
            if year == latest.year:
                sent_on = reviewer.sent(latest, latest=0.5)
            else:
                if rng.random() < 0.05 + 0.2 * (1 - profile.capacity):
                    continue
                day = date(year, 12, 31)
                share = maturity(day, launched) / maturity(latest, launched)
                # Never more than the year after: AEO status is rarely withdrawn.
                operators = min(operators, round(share * programme.certified_operators))
                operators = round(operators * rng.uniform(0.9, 1.0))
                sent_on = reviewer.sent(day + timedelta(days=rng.randint(20, 80)))
            count = AEOOperatorCount(
                member=profile.member, year=year, certified_operators=operators
            )
            counts.append(reviewer.apply(count, sent_on, profile.member))
    validate(rng, counts, 15)
    bulk_create_with_history(counts, AEOOperatorCount, batch_size=1000, default_user=reviewer.by)
    return len(counts)


# --- security strategy roles -----------------------------------------------------------------


def make_strategy_roles(rng, members_profiles, today, reviewer):
    """Customs takes part in the national security strategy in about two members in three,
    more of them each year as strategies are renewed."""
    roles = []
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= 0.9 + 0.1 * profile.capacity:
            continue
        if rng.random() < 0.45 + 0.35 * profile.capacity:
            involvement = Involvement.FULLY if rng.random() < 0.55 else Involvement.PARTLY
            dated = between(rng, date(2014, 1, 1), today - timedelta(days=30))
            role = SecurityStrategyRole(
                member=member,
                involvement=involvement,
                seat_on_security_body=rng.random()
                < (0.7 if involvement == Involvement.FULLY else 0.25),
                strategy_dated=dated,
            )
            sent_on = reviewer.sent(dated)
        else:
            role = SecurityStrategyRole(member=member, involvement=Involvement.NOT)
            if rng.random() < 0.4:
                role.strategy_dated = between(rng, date(2010, 1, 1), date(2020, 12, 31))
            sent_on = reviewer.sent(between(rng, date(2016, 1, 1), today))
        roles.append(reviewer.apply(role, sent_on, member))
    validate(rng, roles, 15)
    bulk_create_with_history(roles, SecurityStrategyRole, batch_size=1000, default_user=reviewer.by)
    return len(roles)


# --- the European Union and mutual recognition -----------------------------------------------


def make_union(members, by):
    eu, _ = CustomsUnion.objects.get_or_create(
        code="EU",
        defaults={"name": "European Union", "aeo_operational": True, "created_by": by},
    )
    eu.members.set([m for m in members if m.code in EU])
    return eu


def make_recognitions(rng, programmes, eu, today, by):
    """Operational programmes recognise one another in pairs, hubs most; the EU recognises the
    largest programmes as one party. Each is signed a few years after both parties' programmes
    went operational and implemented a year or so later; recent ones are still being negotiated
    or await implementation."""
    operational = {
        code: p
        for code, p in programmes.items()
        if p.programme_status == AEOStatus.OPERATIONAL and code not in EU
    }
    codes = sorted(operational)
    weights = [HUBS.get(code, 1) for code in codes]
    wanted = min(round(1.25 * len(codes)), len(codes) * (len(codes) - 1) // 4)
    pairs, tries = set(), 0
    while len(pairs) < wanted and tries < 50 * wanted:
        tries += 1
        first, second = rng.choices(codes, weights=weights, k=2)
        if first != second:
            pairs.add(tuple(sorted((first, second))))
    # The EU's partners: the largest programmes first.
    partners = sorted(codes, key=lambda c: (-HUBS.get(c, 0), c))[: min(9, len(codes))]
    made = []
    for parties in sorted(pairs) + [(code,) for code in partners]:
        members = [operational[code].member for code in parties]
        unions = [eu] if len(parties) == 1 else []
        launched = max(operational[code].launched_on for code in parties)
        if unions:
            launched = max(launched, EU_AEO_LAUNCHED)
        signed = after(launched, rng.uniform(0.5, 6))
        arrangement = MutualRecognition(created_by=by, updated_by=by)
        if signed > today:
            arrangement.status = RecognitionStatus.NEGOTIATING
        else:
            arrangement.signed_on = signed
            implemented = after(signed, rng.uniform(0.3, 1.8))
            if implemented <= today:
                arrangement.status = RecognitionStatus.IMPLEMENTED
                arrangement.implemented_on = implemented
            else:
                arrangement.status = RecognitionStatus.SIGNED
        names = [m.name for m in members] + [u.name for u in unions]
        arrangement.title = f"Mutual recognition of AEO programmes: {' and '.join(names)}"
        arrangement.party_key = arrangement.check_parties(members, unions)
        arrangement.full_clean(exclude=["party_key"])
        arrangement._history_user = by
        arrangement.save()
        arrangement.members.set(members)
        arrangement.customs_unions.set(unions)
        made.append(arrangement)
    return len(made)


# --- passenger data --------------------------------------------------------------------------


def make_readiness(rng, members_profiles, today, reviewer):
    """About eight members in ten report their readiness to use passenger data: API went live
    in most of them, PNR in fewer, later. Restricted by default, a few confidential."""
    records = []
    for profile in members_profiles:
        member = profile.member
        capacity = profile.capacity
        if rng.random() >= 0.65 + 0.35 * capacity:
            continue
        record = PassengerDataReadiness(member=member)
        record.confidentiality = (
            Confidentiality.CONFIDENTIAL if rng.random() < 0.07 else Confidentiality.RESTRICTED
        )
        # The year access to API data went live, or will; PNR some years after.
        api_year = 2010 + rng.uniform(0, 5) + (1 - capacity) * rng.uniform(0, 35)
        api_live = date(int(api_year), 1, 1) + timedelta(days=rng.randint(0, 364))
        pnr_live = after(api_live, rng.uniform(2, 10) + (1 - capacity) * rng.uniform(0, 25))
        events = [between(rng, date(2018, 1, 1), date(2020, 12, 31))]  # the first survey
        record.api_status, record.pnr_status = (
            readiness(api_live, today),
            readiness(pnr_live, today),
        )
        record.api_legal_basis = record.api_status != Readiness.NONE or rng.random() < 0.2
        record.pnr_legal_basis = record.pnr_status != Readiness.NONE and (
            record.pnr_status != Readiness.PLANNED or rng.random() < 0.5
        )
        if record.api_status == Readiness.OPERATIONAL:
            record.go_live = api_live
            events.append(api_live)
        if record.pnr_status == Readiness.OPERATIONAL:
            events.append(pnr_live)
            if record.api_status != Readiness.OPERATIONAL:
                record.go_live = pnr_live
        if record.pnr_status in (Readiness.PILOT, Readiness.OPERATIONAL):
            record.pnr_legal_basis = True
            record.safeguards = rng.choice(SAFEGUARDS)
        record.passenger_unit = record.pnr_status == Readiness.OPERATIONAL or (
            record.api_status == Readiness.OPERATIONAL and rng.random() < 0.5
        )
        record.uses_api_pnr_guidelines = record.api_status != Readiness.NONE and rng.random() < 0.8
        record.uses_pnrgov = record.pnr_status == Readiness.OPERATIONAL and rng.random() < 0.85
        record.interactive_api = record.api_status == Readiness.OPERATIONAL and rng.random() < 0.3
        record.single_window = record.api_status == Readiness.OPERATIONAL and rng.random() < 0.4
        # The record as last reported: after its latest event that has come.
        sent_on = reviewer.sent(max(day for day in events if day <= today))
        records.append(reviewer.apply(record, sent_on, member))
    validate(rng, records, 15)
    bulk_create_with_history(
        records, PassengerDataReadiness, batch_size=1000, default_user=reviewer.by
    )
    return len(records)


def readiness(live, today):
    """Where access stands `today` when it went, or will go, live on `live`."""
    if live <= today:
        return Readiness.OPERATIONAL
    if live <= after(today, 1):
        return Readiness.PILOT
    if live <= after(today, 5):
        return Readiness.PLANNED
    return Readiness.NONE


# --- risk-management assessments -------------------------------------------------------------


def make_assessments(rng, members_profiles, today, reviewer):
    """Two members in three have their risk-management maturity assessed every two or three
    years since 2014; it rises a little at each round."""
    dimensions = RiskManagementAssessment.DIMENSIONS
    assessments = []
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= 0.5 + 0.35 * profile.capacity:
            continue
        level = 1.2 + 2.0 * profile.capacity + rng.gauss(0, 0.3)
        strength = {name: rng.gauss(0, 0.4) for name in dimensions}
        confidentiality = (
            Confidentiality.CONFIDENTIAL if rng.random() < 0.1 else Confidentiality.RESTRICTED
        )
        assessor = rng.choice(ASSESSORS)
        day = between(rng, date(2014, 1, 1), date(2018, 12, 31))
        while day <= today:
            scores = {
                name: round(clip(level + strength[name] + rng.gauss(0, 0.3), 1, 5))
                for name in dimensions
            }
            assessment = RiskManagementAssessment(
                member=member,
                assessed_on=day,
                assessor=assessor,
                confidentiality=confidentiality,
                **scores,
            )
            assessments.append(reviewer.apply(assessment, reviewer.sent(day, 0), member))
            level += rng.uniform(0.05, 0.3)
            day = after(day, rng.uniform(2, 3))
    validate(rng, assessments, 15)
    bulk_create_with_history(
        assessments, RiskManagementAssessment, batch_size=1000, default_user=reviewer.by
    )
    return len(assessments)
