"""Demo data of the capacity-building registers, found only by `manage.py seed_demo`.

The data tells the programme's story. Twenty-six donors fund capacity building: bilateral
agencies, multilateral institutions, foundations and private firms, with four partners
(development agencies, academia). From 2019 on they start some twenty to thirty projects a year,
most for a single developing administration, some for several in a region, Africa and Asia
first; a few administrations attract many donors, so several donors fund projects in the same
area at the same time (overlaps), while other administrations' needs find no project (gaps).
Projects are funded year by year, in the donor's currency with the amount in euros, disbursing
less than committed; they serve the programme's commitments and contribute mostly to SDGs 16, 17,
8, 9, 10 and 5. More projects are aligned with the member's strategic plan each year. Projects
that ended are evaluated on the six OECD DAC criteria (a mean score near 3 of 4), sooner and
more often in recent years, and closed; a few ended projects still await their evaluation.

Diagnostic missions (the WCO diagnostic framework, the PMM, time release studies, integrity
self-assessments) visit developing members; their findings are restricted or confidential, and
each makes three to eight recommendations, followed up better as the years pass; some are
overdue. Members report their uptake of the WCO instruments and their training activities
through the submission workflow, the latest still in review; the Secretariat reviews every
instrument's relevance and impact each year.

Records are made in bulk, with their audit history, by the registers' rules: a sample of each
register goes through `full_clean()` here, and every record in the tests
(capacity/tests/test_report.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from capacity.choices import (
    DiagnosticTool,
    DonorKind,
    FollowUp,
    InstrumentKind,
    Modality,
    Priority,
    ProjectStatus,
    Uptake,
)
from capacity.models import (
    SDG,
    DiagnosticMission,
    Donor,
    Evaluation,
    Funding,
    Instrument,
    InstrumentReview,
    InstrumentUptake,
    Project,
    Recommendation,
    TrainingActivity,
)
from core.choices import Confidentiality
from core.demo import Reviewer, active_members, after, between, clip, member_users, validate
from core.models import Commitment, Member, StrategicArea
from core.registry import demo_data

# Administrations that give rather than receive technical assistance.
# fmt: off
DEVELOPED = {
    "AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN",
    "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP",
    "SWE", "GBR", "NOR", "CHE", "ISL", "AND", "USA", "CAN", "JPN", "AUS", "NZL", "KOR", "SGP",
    "ISR", "HKG", "MAC", "ARE", "QAT", "KWT", "BHR", "SAU",
}
# fmt: on
# The capacity of a region's developing administrations, from 0 to 1, and the share of
# technical assistance that goes to the region.
REGION_CAPACITY = {"EUR": 0.6, "AMC": 0.5, "ASP": 0.5, "MENA": 0.5, "ESA": 0.3, "WCA": 0.25}
REGION_SHARE = {"ESA": 27, "WCA": 24, "ASP": 20, "AMC": 13, "MENA": 11, "EUR": 5}
REGION_NAMES = {
    "AMC": "the Americas and the Caribbean",
    "EUR": "Europe",
    "ASP": "Asia/Pacific",
    "ESA": "East and Southern Africa",
    "WCA": "West and Central Africa",
    "MENA": "North of Africa, Near and Middle East",
}

# Units of each currency for one euro, roughly (the year's rate varies a little around it).
EURO_RATES = {
    "EUR": 1,
    "USD": 1.1,
    "JPY": 155,
    "KRW": 1450,
    "GBP": 0.86,
    "SEK": 11.3,
    "NOK": 11.6,
    "CHF": 0.96,
    "CAD": 1.48,
    "AUD": 1.64,
    "CNY": 7.8,
}

# (name, kind, country, organisation, website, currency, weight). Names marked fictitious are
# made up for the demonstration; the amounts of every donor are.
DONORS = [
    ("Japan International Cooperation Agency (JICA)", DonorKind.BILATERAL, "JPN",
     "Government of Japan", "https://www.jica.go.jp", "JPY", 9),
    ("Customs Cooperation Fund of Japan", DonorKind.BILATERAL, "JPN",
     "Ministry of Finance of Japan", "", "JPY", 6),
    ("Korea International Cooperation Agency (KOICA)", DonorKind.BILATERAL, "KOR",
     "Government of the Republic of Korea", "https://www.koica.go.kr", "KRW", 6),
    ("Customs Cooperation Fund of Korea", DonorKind.BILATERAL, "KOR",
     "Korea Customs Service", "", "KRW", 4),
    ("GIZ on behalf of BMZ", DonorKind.BILATERAL, "DEU",
     "Federal Ministry for Economic Cooperation and Development", "https://www.giz.de", "EUR", 8),
    ("Swedish International Development Cooperation Agency (Sida)", DonorKind.BILATERAL, "SWE",
     "Government of Sweden", "https://www.sida.se", "SEK", 5),
    ("Norwegian Agency for Development Cooperation (Norad)", DonorKind.BILATERAL, "NOR",
     "Government of Norway", "https://www.norad.no", "NOK", 4),
    ("UK trade capacity programme (fictitious)", DonorKind.BILATERAL, "GBR",
     "Government of the United Kingdom", "", "GBP", 7),
    ("US trade facilitation assistance fund (fictitious)", DonorKind.BILATERAL, "USA",
     "Government of the United States", "", "USD", 7),
    ("Canadian border modernisation fund (fictitious)", DonorKind.BILATERAL, "CAN",
     "Government of Canada", "", "CAD", 3),
    ("Australian customs partnership programme (fictitious)", DonorKind.BILATERAL, "AUS",
     "Government of Australia", "", "AUD", 3),
    ("Swiss State Secretariat for Economic Affairs (SECO)", DonorKind.BILATERAL, "CHE",
     "Swiss Confederation", "https://www.seco.admin.ch", "CHF", 4),
    ("China Customs Cooperation Fund", DonorKind.BILATERAL, "CHN",
     "General Administration of Customs of China", "", "CNY", 4),
    ("Ministry for Foreign Affairs of Finland", DonorKind.BILATERAL, "FIN",
     "Government of Finland", "https://um.fi", "EUR", 2),
    ("Netherlands trade and development fund (fictitious)", DonorKind.BILATERAL, "NLD",
     "Government of the Netherlands", "", "EUR", 2),
    ("European Union", DonorKind.MULTILATERAL, "", "European Commission",
     "https://commission.europa.eu", "EUR", 10),
    ("World Bank Group", DonorKind.MULTILATERAL, "", "", "https://www.worldbank.org", "USD", 7),
    ("Asian Development Bank", DonorKind.MULTILATERAL, "", "", "https://www.adb.org", "USD", 5),
    ("International Monetary Fund", DonorKind.MULTILATERAL, "", "", "https://www.imf.org",
     "USD", 3),
    ("UNCTAD", DonorKind.MULTILATERAL, "", "United Nations", "https://unctad.org", "USD", 3),
    ("African Development Bank", DonorKind.MULTILATERAL, "", "", "https://www.afdb.org",
     "USD", 4),
    ("Inter-American Development Bank", DonorKind.MULTILATERAL, "", "", "https://www.iadb.org",
     "USD", 3),
    ("Global Trade Integrity Foundation (fictitious)", DonorKind.FOUNDATION, "", "", "",
     "USD", 2),
    ("Open Borders Philanthropy (fictitious)", DonorKind.FOUNDATION, "", "", "", "USD", 1),
    ("Express Carriers' Customs Initiative (fictitious)", DonorKind.PRIVATE, "",
     "An association of express delivery firms", "", "USD", 2),
    ("Trade Systems Solutions Ltd (fictitious)", DonorKind.PRIVATE, "", "", "", "GBP", 1),
    ("Enabel, Belgian development agency", DonorKind.DEVELOPMENT_AGENCY, "",
     "Government of Belgium", "https://www.enabel.be", "EUR", 2),
    ("Agence française de développement (AFD)", DonorKind.DEVELOPMENT_AGENCY, "",
     "Government of France", "https://www.afd.fr", "EUR", 3),
    ("Centre for Customs and Excise Studies (fictitious university)", DonorKind.ACADEMIA, "",
     "", "", "AUD", 1),
    ("Customs Law Research Institute (fictitious university)", DonorKind.ACADEMIA, "", "", "",
     "EUR", 1),
]  # fmt: skip
# How large a donor's projects are, relative to a bilateral donor's.
KIND_SIZE = {
    DonorKind.BILATERAL: 1.0,
    DonorKind.MULTILATERAL: 2.2,
    DonorKind.PRIVATE: 0.25,
    DonorKind.FOUNDATION: 0.35,
    DonorKind.DEVELOPMENT_AGENCY: 0.8,
    DonorKind.ACADEMIA: 0.15,
}

# (title, commitments, SDGs with weights, weight); {where} is the beneficiary or the region.
THEMES = [
    ("Implementation of the WTO Trade Facilitation Agreement in {where}", ["TF-1", "CB-2"],
     {17: 5, 8: 3, 9: 2, 10: 1}, 14),
    ("Single window and customs ICT modernisation in {where}", ["TF-2"],
     {9: 5, 17: 3, 8: 2}, 10),
    ("Cross-border e-commerce: postal and express clearance in {where}", ["TF-3"],
     {8: 4, 9: 3, 17: 2, 5: 1}, 5),
    ("Integrity and anti-corruption under the Revised Arusha Declaration, {where}", ["CB-1"],
     {16: 6, 17: 1}, 8),
    ("Risk management and targeting for {where}", ["SEC-2"], {16: 5, 17: 1, 8: 1}, 9),
    ("Authorized economic operator programme for {where}", ["SEC-2", "TF-1"],
     {8: 4, 16: 2, 17: 2}, 5),
    ("Passenger data and border security in {where}", ["SEC-3"], {16: 6, 17: 1}, 3),
    ("Strategic planning and performance measurement for {where}", ["CB-2", "CB-1"],
     {16: 5, 17: 3}, 8),
    ("Revenue mobilisation and customs valuation in {where}", ["CB-2"],
     {17: 6, 10: 2, 16: 1}, 8),
    ("Gender equality and diversity in {where}'s customs administration", ["CB-3"],
     {5: 6, 10: 3, 16: 1}, 4),
    ("Customs contribution to the 2030 Agenda: {where}", ["CB-3"],
     {17: 3, 8: 2, 10: 2, 16: 2, 13: 1}, 3),
    ("Enforcement against environmental crime and wildlife trafficking, {where}",
     ["SEC-3", "CB-3"], {15: 4, 14: 3, 16: 3}, 3),
    ("Coordinated border management and transit corridors in {where}", ["TF-2", "COOP-1"],
     {9: 4, 8: 3, 17: 2, 10: 1}, 6),
    ("Customs-business partnership in {where}", ["COOP-1"], {8: 4, 17: 3, 16: 1}, 3),
    ("Leadership and management development for {where}", ["CB-2"], {16: 4, 4: 3, 5: 1}, 5),
    ("Medical supplies and relief consignments: clearance support in {where}", ["TF-1"],
     {3: 6, 17: 2}, 2),
]  # fmt: skip
NOT_ALIGNED = [
    "The administration had no strategic plan when the project started; one is being drafted "
    "with the project's support.",
    "The project answers an urgent request from the ministry of finance, outside the "
    "administration's strategic plan.",
    "A regional project: the beneficiaries' plans differ and the project follows the regional "
    "economic community's programme instead.",
    "The donor's programme set the project's scope before the administration's strategic plan "
    "was adopted.",
]
DESCRIPTION = (
    "Technical assistance based on a needs assessment with the administration: expert missions, "
    "training of trainers and support to the reform's change management. Governed by a steering "
    "committee chaired by the head of the administration."
)

# Tool -> (share of missions, [(recommendation, area code)]).
RECOMMENDATIONS = {
    DiagnosticTool.WCO_DIAGNOSTIC_FRAMEWORK: (35, [
        ("Adopt a strategic plan for Customs with measurable targets and a yearly review.",
         "capacity"),
        ("Set up a risk-management unit with a national targeting centre.", "security"),
        ("Implement pre-arrival processing of declarations for all modes.", "facilitation"),
        ("Publish procedures, forms and fees on the administration's website.", "facilitation"),
        ("Create a human-resources strategy with competency-based recruitment.", "capacity"),
        ("Sign memoranda of understanding with the main trade associations.", "cooperation"),
        ("Extend electronic payment of duties and taxes to all border posts.", "facilitation"),
        ("Introduce post-clearance audit based on risk.", "security"),
        ("Build a training academy plan and a pool of national trainers.", "capacity"),
    ]),
    DiagnosticTool.PMM: (20, [
        ("Collect and publish the PMM's key performance indicators every quarter.", "capacity"),
        ("Align the performance contracts of border posts with the strategic plan.", "capacity"),
        ("Measure the share of declarations released without physical inspection.",
         "facilitation"),
        ("Report revenue collected against the target by customs office.", "capacity"),
        ("Share performance data with the ministry of finance and the business community.",
         "cooperation"),
    ]),
    DiagnosticTool.TIME_RELEASE_STUDY: (20, [
        ("Reduce the time from arrival to release at the main seaport by a third.",
         "facilitation"),
        ("Set up a national trade facilitation committee working group on release times.",
         "facilitation"),
        ("Coordinate inspections with the other border agencies (joint inspections).",
         "facilitation"),
        ("Repeat the time release study every two years with the same method.", "capacity"),
        ("Allow payment before arrival for authorized operators.", "facilitation"),
    ]),
    DiagnosticTool.INTEGRITY_SELF_ASSESSMENT: (15, [
        ("Adopt and publish a code of conduct, signed by every officer.", "capacity"),
        ("Rotate officers in sensitive posts on a fixed schedule.", "capacity"),
        ("Set up an internal affairs unit reporting to the Director General.", "capacity"),
        ("Introduce asset declarations for managers and officers in sensitive posts.",
         "capacity"),
        ("Open a hotline for traders to report misconduct, with follow-up of every case.",
         "cooperation"),
    ]),
    DiagnosticTool.OTHER: (10, [
        ("Carry out an assessment of the ICT systems before choosing a new clearance system.",
         "facilitation"),
        ("Draft the secondary legislation for the new customs code.", "facilitation"),
        ("Exchange advance passenger information with the immigration service.", "security"),
    ]),
}  # fmt: skip
FINDINGS = {
    DiagnosticTool.WCO_DIAGNOSTIC_FRAMEWORK: (
        "The administration has committed leadership and a reform agenda, but procedures rely on "
        "paper documents at most border posts, physical inspection rates exceed 60% and the "
        "strategic plan has no measurable targets."
    ),
    DiagnosticTool.PMM: (
        "Performance data exist for the main offices only and are not reviewed by management; "
        "release times and revenue per office vary widely without explanation."
    ),
    DiagnosticTool.TIME_RELEASE_STUDY: (
        "Average release time of {hours} hours at the main port, most of it waiting for other "
        "agencies' controls and payment; pre-arrival lodgement is allowed but little used."
    ),
    DiagnosticTool.INTEGRITY_SELF_ASSESSMENT: (
        "Integrity is named as a priority, but there is no code of conduct signed by officers, "
        "no rotation policy and no internal audit of clearance decisions."
    ),
    DiagnosticTool.OTHER: (
        "The legal framework is out of date with the Revised Kyoto Convention; the ICT systems "
        "reach the end of their life within three years."
    ),
}
OWNERS = [
    "Director General's office",
    "Strategic planning unit",
    "Risk management directorate",
    "Tariff and valuation directorate",
    "Human resources directorate",
    "ICT directorate",
    "Internal affairs unit",
    "Border operations directorate",
    "Training academy",
]
TEAM_LEADS = ["A. Mensah", "R. Okafor", "L. Fernández", "K. Tanaka", "M. Haddad", "S. Petrova",
              "J. Mwangi", "P. Nguyen", "D. Silva", "F. Diallo"]  # fmt: skip
EVALUATORS = [
    "WCO Secretariat, evaluation unit",
    "The donor's independent evaluation office",
    "Independent evaluators (fictitious consultancy)",
    "Joint evaluation by the donor and the administration",
]
# Uptake: instrument code -> (in force since, share of members (0 to 1) reached at a capacity
# of 0 and of 1). Members accede to conventions and apply the rest.
UPTAKE = {
    "HS": (date(1988, 1, 1), 0.9, 1.0),
    "RKC": (date(2006, 2, 3), 0.35, 0.95),
    "ISTANBUL": (date(1993, 11, 27), 0.15, 0.6),
    "ATA": (date(1963, 7, 30), 0.2, 0.9),
    "JOHANNESBURG": (date(2003, 6, 27), 0.02, 0.1),
    "NAIROBI": (date(1980, 5, 21), 0.2, 0.5),
    "SAFE": (date(2005, 6, 23), 0.5, 1.0),
    "ECOM": (date(2018, 6, 30), 0.15, 0.7),
    "ARUSHA": (date(2003, 6, 28), 0.6, 0.95),
    "DATAMODEL": (date(2009, 6, 1), 0.15, 0.8),
    "TRS": (date(2011, 6, 1), 0.25, 0.7),
    "PMM": (date(2021, 6, 1), 0.05, 0.35),
}
REVIEWERS = [
    "WCO Capacity Building Directorate",
    "Capacity Building Committee working group",
    "Permanent Technical Committee",
    "WCO Research Unit",
]
# (title, area code, commitment code or None, weight)
TRAININGS = [
    ("Risk management and profiling", "security", "SEC-2", 8),
    ("Customs valuation", "capacity", "CB-2", 7),
    ("Harmonized System classification", "facilitation", "TF-1", 8),
    ("Rules of origin", "facilitation", "TF-1", 5),
    ("Authorized economic operator validation", "security", "SEC-2", 4),
    ("Post-clearance audit", "capacity", "CB-2", 5),
    ("Integrity and ethics", "capacity", "CB-1", 6),
    ("Trade Facilitation Agreement implementation", "facilitation", "TF-1", 6),
    ("Cross-border e-commerce", "facilitation", "TF-3", 4),
    ("Passenger data analysis", "security", "SEC-3", 3),
    ("Leadership and change management", "capacity", "CB-2", 4),
    ("Time release study methodology", "facilitation", "TF-2", 3),
    ("Performance measurement (PMM)", "capacity", "CB-1", 3),
    ("Gender equality and inclusion", "capacity", "CB-3", 2),
    ("Environmental crime and CITES enforcement", "security", None, 2),
    ("Customs-business partnership", "cooperation", "COOP-1", 2),
]
RETURNED = {
    InstrumentUptake: "Please give the date of the instrument of accession.",
    TrainingActivity: "The number of participants differs from the attendance list: please check.",
}
REGISTERS = (
    Donor,
    Project,
    Funding,
    DiagnosticMission,
    Recommendation,
    Evaluation,
    InstrumentUptake,
    InstrumentReview,
    TrainingActivity,
)


def weighted(rng, weights):
    """A key of {key: weight}, drawn by weight."""
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def cents(value):
    return Decimal(f"{value:.2f}")


@dataclass
class Profile:
    """A member administration: whether it is `developed` (gives rather than receives
    assistance), its `capacity` (0 to 1) and the `attention` donors give it."""

    member: Member
    developed: bool
    capacity: float
    attention: float
    projects: list = field(default_factory=list)


def profiles(rng, members):
    result = []
    for member in members:
        developed = member.code in DEVELOPED
        if developed:
            capacity = rng.uniform(0.8, 1.0)
        else:
            capacity = clip(
                rng.gauss(REGION_CAPACITY.get(member.region.code, 0.45), 0.15), 0.05, 0.9
            )
        # A few administrations attract many donors, many attract few.
        attention = 0.0 if developed else rng.lognormvariate(0, 0.9)
        result.append(Profile(member, developed, capacity, attention))
    return result


def stamped(record, by):
    record.created_by = record.updated_by = by
    return record


@demo_data("capacity")
def seed(rng, periods, today, by):
    if any(model.objects.exists() for model in REGISTERS):
        return {}
    members = active_members()
    users = member_users()
    reviewer = Reviewer(rng, today, by, users, RETURNED)
    # Projects and missions from two years before the quarters seed_demo measures.
    since = date(periods[0][0].year - 2, 1, 1)
    members_profiles = profiles(rng, members)
    donors = make_donors(by)
    projects, fundings = make_projects(rng, members_profiles, donors, since, today, by)
    evaluations = make_evaluations(rng, projects, today, by)
    missions, recommendations = make_diagnostics(rng, members_profiles, since, today, by)
    return {
        "donors and partners": len(donors),
        "projects": len(projects),
        "funding rows": fundings,
        "evaluations": evaluations,
        "diagnostic missions": missions,
        "recommendations": recommendations,
        "instrument uptakes": make_uptakes(rng, members_profiles, today, reviewer),
        "instrument reviews": make_reviews(rng, since, today, by),
        "training activities": make_training(rng, members_profiles, since, today, reviewer),
    }


# --- donors ----------------------------------------------------------------------------------


@dataclass
class Funder:
    donor: Donor
    currency: str
    weight: int


def make_donors(by):
    funders = []
    for name, kind, country, organisation, website, currency, weight in DONORS:
        donor = stamped(
            Donor(
                name=name, kind=kind, country=country, organisation=organisation, website=website
            ),
            by,
        )
        funders.append(Funder(donor, currency, weight))
    for funder in funders[:5]:
        funder.donor.full_clean()
    bulk_create_with_history([f.donor for f in funders], Donor, default_user=by)
    return funders


# --- projects and funding --------------------------------------------------------------------


def starts_per_year(rng, year):
    """Projects starting in `year`: fewer in 2020, more each year after."""
    base = 18 if year == 2020 else 20 + 2 * (year - 2019)
    return max(10, round(rng.gauss(min(base, 32), 2)))


def beneficiaries_of(rng, by_region):
    """One developing member (three projects in four) or two to six of one region."""
    region = weighted(rng, {code: REGION_SHARE[code] for code in by_region})
    pool = by_region[region]
    weights = [p.attention for p in pool]
    if rng.random() < 0.75:
        return region, [rng.choices(pool, weights=weights)[0]]
    chosen = set()
    for _ in range(rng.randint(2, 6)):
        chosen.add(rng.choices(range(len(pool)), weights=weights)[0])
    return region, [pool[i] for i in sorted(chosen)]


def make_projects(rng, members_profiles, funders, since, today, by):
    commitments = {c.code: c for c in Commitment.objects.all()}
    sdgs = {s.number: s for s in SDG.objects.all()}
    by_region = defaultdict(list)
    for profile in members_profiles:
        if not profile.developed:
            by_region[profile.member.region.code].append(profile)
    if not by_region:
        # A demo of developed members only (a test's few members): they benefit instead.
        for profile in members_profiles:
            profile.attention = profile.attention or 1.0
            by_region[profile.member.region.code].append(profile)
    funder_weights = {i: f.weight for i, f in enumerate(funders)}
    rates = {}
    projects, links, rows = [], [], []
    # Projects starting next year are in the pipeline.
    for year in range(since.year, today.year + 2):
        count = starts_per_year(rng, year) if year <= today.year else rng.randint(6, 10)
        for index in range(count):
            title, codes, sdg_weights, _ = rng.choices(THEMES, weights=[t[-1] for t in THEMES])[0]
            region, beneficiaries = beneficiaries_of(rng, by_region)
            where = (
                beneficiaries[0].member.name if len(beneficiaries) == 1 else REGION_NAMES[region]
            )
            start = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            years = rng.uniform(1, 4)
            end = after(start, years)
            lead = funders[weighted(rng, funder_weights)]
            others = []
            if rng.random() < 0.3:
                others.append(funders[weighted(rng, funder_weights)])
                if rng.random() < 0.3:
                    others.append(funders[weighted(rng, funder_weights)])
            donors = [lead]
            for funder in others:
                if funder not in donors:
                    donors.append(funder)
            project = stamped(
                Project(
                    code=f"TA-{year}-{index + 1:03d}",
                    title=title.format(where=where),
                    description=DESCRIPTION,
                    start=start,
                    end=end,
                    currency=lead.currency,
                ),
                by,
            )
            # A project due to start in the last two months may still await its agreement.
            if start > today or (start > today - timedelta(days=60) and rng.random() < 0.6):
                project.status = ProjectStatus.PIPELINE
                if rng.random() < 0.3:
                    project.end = None  # the span is not settled yet
            else:
                project.status = ProjectStatus.ACTIVE
            align(rng, project, beneficiaries, year)
            chosen_sdgs = {weighted(rng, sdg_weights) for _ in range(rng.randint(1, 3))}
            links.append((project, beneficiaries, codes, chosen_sdgs))
            size = KIND_SIZE[lead.donor.kind] * rng.lognormvariate(0.15, 0.7) * 1_000_000
            size *= 1 + 0.4 * (len(beneficiaries) - 1)
            budget = Decimal(0)
            for share, funder in zip(split(rng, len(donors)), donors, strict=True):
                for funding in yearly(rng, project, funder, size * share, rates, today, by):
                    rows.append(funding)
                    budget += funding.committed
            project.budget = budget
            projects.append(project)
    bulk_create_with_history(projects, Project, batch_size=500, default_user=by)
    for funding in rows:
        funding.project_id = funding.project.pk
    validate(rng, rows, 6)
    bulk_create_with_history(rows, Funding, batch_size=1000, default_user=by)
    link(projects, links, commitments, sdgs)
    for project, beneficiaries, _, _ in links:
        for profile in beneficiaries:
            profile.projects.append(project)
    return projects, len(rows)


def align(rng, project, beneficiaries, year):
    """The strategic plan a project is aligned with (more of them each year), or why not."""
    if project.status == ProjectStatus.PIPELINE and rng.random() < 0.4:
        return  # not settled yet
    aligned = rng.random() < clip(0.5 + 0.055 * (year - 2019), 0.5, 0.9)
    if aligned:
        cycle = year - (year - 2017) % 5
        if len(beneficiaries) == 1:
            name = beneficiaries[0].member.name
            project.strategic_plan = f"{name}: Customs strategic plan {cycle}-{cycle + 4}"
        else:
            project.strategic_plan = (
                f"The beneficiaries' Customs strategic plans ({cycle}-{cycle + 4})"
            )
    else:
        project.not_aligned_reason = rng.choice(
            NOT_ALIGNED[:2] if len(beneficiaries) == 1 else NOT_ALIGNED
        )


def split(rng, count):
    """Shares of a project's funding: the lead donor gives most."""
    if count == 1:
        return [1.0]
    lead = rng.uniform(0.5, 0.8)
    rest = [rng.random() + 0.2 for _ in range(count - 1)]
    return [lead] + [(1 - lead) * r / sum(rest) for r in rest]


def euro_rate(rng, rates, currency, year):
    """Units of `currency` for one euro in `year`."""
    if currency == "EUR":
        return 1.0
    if (currency, year) not in rates:
        rates[(currency, year)] = EURO_RATES[currency] * rng.uniform(0.94, 1.06)
    return rates[(currency, year)]


def yearly(rng, project, funder, amount_eur, rates, today, by):
    """A donor's funding of a project, year by year over its span (three years when open), in
    the project's currency and in euros: committed in proportion to the days of each year;
    disbursed less than committed in the past years, part of it in the current year, nothing in
    the years to come."""
    first = project.start
    last = project.end or after(project.start, 3)
    days = (last - first).days + 1
    for year in range(first.year, last.year + 1):
        opens, closes = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
        if year < today.year:
            paid = min(1.0, rng.uniform(0.7, 1.0) * rng.uniform(0.95, 1.1))
        elif year == today.year and project.status != ProjectStatus.PIPELINE:
            paid = rng.uniform(0.4, 0.8)
        else:
            paid = 0.0
        committed_eur = cents(amount_eur * ((closes - opens).days + 1) / days)
        disbursed_eur = cents(float(committed_eur) * paid)
        if project.currency == "EUR":
            committed, disbursed = committed_eur, disbursed_eur
        else:
            committed = cents(float(committed_eur) * euro_rate(rng, rates, project.currency, year))
            disbursed = cents(float(committed) * paid)
        yield stamped(
            Funding(
                project=project,
                donor=funder.donor,
                year=year,
                committed=committed,
                disbursed=min(disbursed, committed),
                committed_eur=committed_eur,
                disbursed_eur=min(disbursed_eur, committed_eur),
            ),
            by,
        )


def link(projects, links, commitments, sdgs):
    """The projects' beneficiaries, commitments and SDGs, in three bulk inserts."""
    Beneficiaries = Project.beneficiaries.through
    Commitments = Project.commitments.through
    Goals = Project.sdgs.through
    Beneficiaries.objects.bulk_create(
        Beneficiaries(project_id=project.pk, member_id=profile.member.pk)
        for project, beneficiaries, _, _ in links
        for profile in beneficiaries
    )
    Commitments.objects.bulk_create(
        Commitments(project_id=project.pk, commitment_id=commitments[code].pk)
        for project, _, codes, _ in links
        for code in codes
        if code in commitments
    )
    Goals.objects.bulk_create(
        Goals(project_id=project.pk, sdg_id=sdgs[number].pk)
        for project, _, _, numbers in links
        for number in sorted(numbers)
        if number in sdgs
    )


# --- evaluations -----------------------------------------------------------------------------


def make_evaluations(rng, projects, today, by):
    """A final evaluation of most projects that ended (sooner and more often in recent years),
    which closes them; a mid-term evaluation of some long projects."""
    evaluations, closed = [], []
    for project in projects:
        if project.status == ProjectStatus.PIPELINE:
            continue
        quality = rng.gauss(3.0, 0.4)
        span = (project.end - project.start).days
        if span > 900 and rng.random() < 0.4:
            midway = project.start + timedelta(days=span // 2)
            if midway <= today:
                evaluations.append(evaluation(rng, project, midway, quality, by))
        if project.end > today:
            continue
        # Early in the programme, evaluations came late or not at all.
        recent = clip((project.end.year - 2019) / 6, 0, 1)
        if rng.random() < 0.35 - 0.3 * recent:
            continue  # never evaluated: it stays open, its end date past
        lag = rng.randint(-45, round(420 - 320 * recent))
        evaluated_on = max(project.end + timedelta(days=lag), project.start + timedelta(days=30))
        if evaluated_on > today:
            continue  # awaiting its evaluation
        evaluations.append(evaluation(rng, project, evaluated_on, quality, by))
        closed.append(project)
    for record in evaluations:
        record.project_id = record.project.pk
    validate(rng, evaluations, 6)
    bulk_create_with_history(evaluations, Evaluation, batch_size=1000, default_user=by)
    for project in closed:
        project.status = ProjectStatus.CLOSED
    Project.objects.bulk_update(closed, ["status"])
    # What the rules ask of a running or closed project, on a sample.
    running = [p for p in projects if p.status != ProjectStatus.PIPELINE]
    for project in rng.sample(running, k=min(10, len(running))):
        project.full_clean()
        project.check_resources()
    return len(evaluations)


def evaluation(rng, project, day, quality, by):
    # Efficiency and sustainability score lower than relevance, as in most DAC evaluations.
    bias = {"relevance": 0.4, "efficiency": -0.3, "sustainability": -0.4}
    scores = {
        name: clip(round(quality + bias.get(name, 0) + rng.gauss(0, 0.5)), 1, 4)
        for name in Evaluation.CRITERIA
    }
    final = project.end is not None and day >= project.end - timedelta(days=45)
    return stamped(
        Evaluation(
            project=project,
            evaluated_on=day,
            evaluator=rng.choice(EVALUATORS),
            evidence=(
                "Document review, interviews with the administration's managers and the donor, "
                "field visits to two border posts, and the project's monitoring data against its "
                "logical framework."
            ),
            summary=(
                "Final evaluation: the project delivered most of its outputs; the reform's "
                "results depend on the administration's funding of the systems it introduced."
                if final
                else "Mid-term evaluation: on course; the work plan was revised for the remaining "
                "period."
            ),
            **scores,
        ),
        by,
    )


# --- diagnostics -----------------------------------------------------------------------------


def make_diagnostics(rng, members_profiles, since, today, by):
    """Missions to about two developing members in three, one to three each; their
    recommendations, followed up better as the years pass."""
    areas = {a.code: a for a in StrategicArea.objects.all()}
    tools = {tool: share for tool, (share, _) in RECOMMENDATIONS.items()}
    missions, recommendations = [], []
    for profile in members_profiles:
        if profile.developed or rng.random() > 0.55 + 0.2 * min(profile.attention, 1):
            continue
        starts = sorted(between(rng, since, today) for _ in range(rng.randint(1, 3)))
        used = set()
        for start in starts:
            if start in used:
                continue
            used.add(start)
            tool = weighted(rng, tools)
            # Integrity findings are the most sensitive: most are confidential.
            if tool == DiagnosticTool.INTEGRITY_SELF_ASSESSMENT:
                confidentiality = rng.choices(
                    [Confidentiality.CONFIDENTIAL, Confidentiality.RESTRICTED], weights=[70, 30]
                )[0]
            else:
                confidentiality = rng.choices(
                    [Confidentiality.RESTRICTED, Confidentiality.MEMBERS, Confidentiality.PUBLIC],
                    weights=[78, 12, 10],
                )[0]
            mission = stamped(
                DiagnosticMission(
                    member=profile.member,
                    tool=tool,
                    start=start,
                    end=start + timedelta(days=rng.randint(4, 12)),
                    team_lead=rng.choice(TEAM_LEADS),
                    findings=FINDINGS[tool].format(hours=rng.randint(30, 160)),
                    confidentiality=confidentiality,
                ),
                by,
            )
            missions.append(mission)
            texts = RECOMMENDATIONS[tool][1]
            for text, area_code in rng.sample(texts, k=min(len(texts), rng.randint(3, 8))):
                recommendations.append(
                    recommendation(rng, profile, mission, text, areas[area_code], today, by)
                )
    validate(rng, missions, 6)
    bulk_create_with_history(missions, DiagnosticMission, batch_size=1000, default_user=by)
    for record in recommendations:
        record.mission_id = record.mission.pk
    validate(rng, recommendations, 6)
    bulk_create_with_history(recommendations, Recommendation, batch_size=2000, default_user=by)
    return len(missions), len(recommendations)


def recommendation(rng, profile, mission, text, area, today, by):
    priority = rng.choices([Priority.HIGH, Priority.MEDIUM, Priority.LOW], weights=[30, 45, 25])[0]
    months = {Priority.HIGH: (4, 12), Priority.MEDIUM: (6, 18), Priority.LOW: (9, 24)}[priority]
    due = mission.end + timedelta(days=30 * rng.randint(*months))
    record = Recommendation(
        mission=mission,
        member=profile.member,
        text=text,
        area=area,
        priority=priority,
        owner=rng.choice(OWNERS),
        due=due,
    )
    # Administrations follow up better as the programme goes on, and the stronger ones more.
    diligence = clip(0.35 + 0.06 * (mission.start.year - 2019) + 0.3 * profile.capacity, 0.2, 0.92)
    earliest = mission.end + timedelta(days=45)
    if rng.random() < 0.04 and due < today:
        record.follow_up = FollowUp.DROPPED
        record.follow_up_note = "No longer relevant after the reorganisation of the administration."
    elif rng.random() < diligence and earliest <= today:
        done_on = earliest + timedelta(days=rng.randint(0, max(0, (due - earliest).days + 60)))
        if done_on <= today:
            record.follow_up = FollowUp.DONE
            record.done_on = done_on
            record.follow_up_note = "Done: evidence sent to the Secretariat."
        else:
            record.follow_up = FollowUp.IN_PROGRESS
    else:
        record.follow_up = rng.choice([FollowUp.OPEN, FollowUp.IN_PROGRESS])
    return stamped(record, by)


# --- instruments -----------------------------------------------------------------------------


def make_uptakes(rng, members_profiles, today, reviewer):
    """Members report how far they have taken up each instrument: most acceded to the HS
    Convention long ago, fewer to the others; the frameworks and tools are applied more by the
    stronger administrations. Reports came in from 2019 on; the latest are in review."""
    instruments = list(Instrument.objects.order_by("code"))
    survey = date(2019, 3, 1)
    uptakes = []
    for profile in members_profiles:
        member = profile.member
        if rng.random() >= 0.6 + 0.35 * profile.capacity:
            continue  # the member has not reported its uptake
        joined = member.joined_on or date(1952, 1, 26)
        surveyed_on = between(rng, survey, date(2020, 12, 31))
        for instrument in instruments:
            if rng.random() < 0.12:
                continue
            opened, low, high = UPTAKE.get(instrument.code, (date(2010, 1, 1), 0.2, 0.6))
            record = InstrumentUptake(member=member, instrument=instrument)
            taken = low + (high - low) * profile.capacity
            first = max(opened, joined)
            since = after(first, rng.uniform(0, 2 + 12 * (1 - profile.capacity)))
            if rng.random() < taken and since <= today:
                record.uptake = (
                    Uptake.ACCEDED
                    if instrument.kind == InstrumentKind.CONVENTION
                    else Uptake.APPLIED
                )
                record.since = since
                sent_on = max(surveyed_on, since + timedelta(days=rng.randint(20, 120)))
            elif rng.random() < 0.45:
                record.uptake = Uptake.IN_PROGRESS
                record.note = "Legislation being drafted; accession or application planned."
                sent_on = between(rng, surveyed_on, today)
            else:
                record.uptake = Uptake.NOT_STARTED
                sent_on = surveyed_on
            if sent_on > today:
                sent_on = today - timedelta(days=rng.randint(0, 40))
            if rng.random() < 0.05:
                # Updated lately: still in review, or (sent after today) being written.
                sent_on = max(sent_on, today - timedelta(days=rng.randint(-20, 40)))
            uptakes.append(reviewer.apply(record, sent_on, member))
    validate(rng, uptakes, 6)
    bulk_create_with_history(uptakes, InstrumentUptake, batch_size=2000, default_user=reviewer.by)
    return len(uptakes)


def make_reviews(rng, since, today, by):
    """The Secretariat reviews every instrument once a year; scores drift up as instruments are
    revised and guidance is published."""
    reviews = []
    for instrument in Instrument.objects.order_by("code"):
        relevance = rng.uniform(2.6, 3.8)
        impact = rng.uniform(1.8, 3.2)
        for year in range(since.year, today.year + 1):
            reviewed_on = date(year, rng.randint(3, 11), rng.randint(1, 28))
            if reviewed_on > today:
                continue
            grown = 0.08 * (year - since.year)
            reviews.append(
                stamped(
                    InstrumentReview(
                        instrument=instrument,
                        reviewed_on=reviewed_on,
                        relevance=clip(round(relevance + rng.gauss(0, 0.3)), 1, 4),
                        impact=clip(round(impact + grown + rng.gauss(0, 0.35)), 1, 4),
                        evidence=(
                            f"Members' uptake reports, the year's diagnostic missions and a "
                            f"survey of {rng.randint(25, 90)} administrations on "
                            f"{instrument.code}."
                        ),
                        reviewer=rng.choice(REVIEWERS),
                    ),
                    by,
                )
            )
    validate(rng, reviews, 6)
    bulk_create_with_history(reviews, InstrumentReview, batch_size=1000, default_user=by)
    return len(reviews)


# --- training --------------------------------------------------------------------------------


def modality_in(rng, year):
    """In person mostly, e-learning during the pandemic and growing since."""
    if year in (2020, 2021):
        weights = [15, 70, 15]
    else:
        weights = [50 - 2 * (year - 2019), 25 + 2 * (year - 2019), 25]
    return rng.choices([Modality.IN_PERSON, Modality.E_LEARNING, Modality.BLENDED], weights)[0]


SIZES = {
    Modality.IN_PERSON: ((12, 35), (16, 40), (3, 10)),
    Modality.E_LEARNING: ((20, 250), (3, 20), (14, 60)),
    Modality.BLENDED: ((15, 60), (10, 35), (10, 40)),
}


def make_training(rng, members_profiles, since, today, reviewer):
    """Activities each member reports a year: one to four in developing administrations, fewer
    in developed ones; part of them delivered under a project the member benefits from."""
    areas = {a.code: a for a in StrategicArea.objects.all()}
    commitments = {c.code: c for c in Commitment.objects.select_related("area")}
    weights = [t[-1] for t in TRAININGS]
    activities = []
    for profile in members_profiles:
        member = profile.member
        rate = 0.3 if profile.developed else 0.6 + 0.9 * min(profile.attention, 1.5)
        taken = set()
        for year in range(since.year, today.year + 1):
            count = sum(rng.random() < rate / 3 for _ in range(3))
            for _ in range(count):
                title, area_code, code, _ = rng.choices(TRAININGS, weights=weights)[0]
                start = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
                if start > today or (title, start) in taken:
                    continue
                taken.add((title, start))
                modality = modality_in(rng, year)
                (low, high), (h_low, h_high), (d_low, d_high) = SIZES[modality]
                running = [
                    p
                    for p in profile.projects
                    if p.status != ProjectStatus.PIPELINE
                    and p.start <= start
                    and (p.end is None or start <= p.end)
                ]
                project = rng.choice(running) if running and rng.random() < 0.4 else None
                activity = TrainingActivity(
                    member=member,
                    title=f"{title} ({modality.label.lower()})",
                    area=areas[area_code],
                    commitment=commitments.get(code) if code else None,
                    project=project,
                    modality=modality,
                    start=start,
                    end=start + timedelta(days=rng.randint(d_low, d_high)),
                    participants=rng.randint(low, high),
                    hours=Decimal(rng.randint(h_low * 2, h_high * 2)) / 2,
                )
                sent_on = activity.end + timedelta(days=rng.randint(7, 60))
                activities.append(reviewer.apply(activity, sent_on, member))
    validate(rng, activities, 6)
    bulk_create_with_history(
        activities, TrainingActivity, batch_size=2000, default_user=reviewer.by
    )
    return len(activities)
