"""Demo data of the cooperation registers for `manage.py seed_demo`.

The data tells the programme's story. Customs cooperates with about forty partners: the
international organisations, business associations such as the ICC, FIATA, the IRU and the Global
Express Association, academia (the INCU), tax authorities and other agencies. Members have signed
about three hundred agreements since 2010: mostly customs mutual administrative assistance
agreements (CMAAs) between two members, memoranda of understanding with partners, a few regional
frameworks. Older agreements seldom have data-protection clauses; newer ones almost always do, so
the share of agreements in force with such clauses (COOP-3.1) rises as the old ones expire. Some
are under negotiation or signed and awaiting entry into force, some expired or were terminated,
a few expire within six months; some are restricted, a few confidential (the Secretariat's user
is named on those). Members exchange information under the agreements in force, more each year,
personal data only where the agreement allows it. The Private Sector Consultative Group meets
several times a year, with consultations and workshops besides; more of their follow-up actions
are done on time each year, and some are overdue. Political outreach (the G20, UN bodies,
regional forums) grows from a few actions a year to about twenty. The latest agreements are still
being written or reviewed.

Records are made in bulk, with their audit history, by the registers' rules: a sample of each
register goes through `full_clean()` here, and every record in the tests
(cooperation/tests/test_report.py).
"""

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from simple_history.utils import bulk_create_with_history

from cooperation.choices import (
    ActionStatus,
    AgreementKind,
    AgreementStatus,
    DialogueKind,
    ExchangeCategory,
    OutreachKind,
    PartnerKind,
)
from cooperation.models import (
    EXPIRY_WARNING_DAYS,
    Agreement,
    AgreementGrant,
    AgreementStaffGrant,
    FollowUpAction,
    InformationExchange,
    InformationExchangeStaffGrant,
    OutreachAction,
    Partner,
    StakeholderDialogue,
)
from core.choices import Confidentiality
from core.demo import Reviewer, active_members, after, between, clip, member_users, validate
from core.grants import read_permission
from core.models import Commitment, Region
from core.registry import demo_data

FIRST_AGREEMENT = date(2010, 1, 1)
# About three hundred agreements for the whole membership, fewer when there are fewer members.
AGREEMENTS = 300
FULL_MEMBERSHIP = 150
EXCHANGES_AN_AGREEMENT = 5

# (name, acronym, kind, the member it belongs to, or the region it serves)
IO, BUSINESS, ACADEMIA = (
    PartnerKind.INTERNATIONAL_ORGANISATION,
    PartnerKind.BUSINESS_ASSOCIATION,
    PartnerKind.ACADEMIA,
)
TAX, AGENCY, OTHER = PartnerKind.TAX_AUTHORITY, PartnerKind.OTHER_AGENCY, PartnerKind.OTHER
# fmt: off
PARTNERS = [
    ("International Criminal Police Organization", "INTERPOL", IO, None),
    ("United Nations Office on Drugs and Crime", "UNODC", IO, None),
    ("United Nations Economic Commission for Europe", "UNECE", IO, "EUR"),
    ("International Trade Centre", "ITC", IO, None),
    ("International Atomic Energy Agency", "IAEA", IO, None),
    ("World Health Organization", "WHO", IO, None),
    ("CITES Secretariat", "CITES", IO, None),
    ("International Chamber of Commerce", "ICC", BUSINESS, None),
    ("International Federation of Freight Forwarders Associations", "FIATA", BUSINESS, None),
    ("International Road Transport Union", "IRU", BUSINESS, None),
    ("Global Express Association", "GEA", BUSINESS, None),
    ("International Air Transport Association", "IATA", BUSINESS, None),
    ("International Chamber of Shipping", "ICS", BUSINESS, None),
    ("World Shipping Council", "WSC", BUSINESS, None),
    ("International Federation of Customs Brokers Associations", "IFCBA", BUSINESS, None),
    ("Global Shippers' Forum", "GSF", BUSINESS, None),
    ("The International Air Cargo Association", "TIACA", BUSINESS, None),
    ("International Network of Customs Universities", "INCU", ACADEMIA, None),
    ("Centre for Customs and Excise Studies, Charles Sturt University", "CCES", ACADEMIA, "ASP"),
    ("Rotterdam School of Management, Erasmus University", "RSM", ACADEMIA, "EUR"),
    ("University of Münster, Institute of Customs and Excise Law", "", ACADEMIA, "EUR"),
    ("Australian Taxation Office", "ATO", TAX, "AUS"),
    ("Canada Revenue Agency", "CRA", TAX, "CAN"),
    ("Direction générale des Finances publiques", "DGFiP", TAX, "FRA"),
    ("Federal Central Tax Office", "BZSt", TAX, "DEU"),
    ("Agenzia delle Entrate", "", TAX, "ITA"),
    ("Inter-American Center of Tax Administrations", "CIAT", TAX, "AMC"),
    ("African Tax Administration Forum", "ATAF", TAX, "ESA"),
    ("Intra-European Organisation of Tax Administrations", "IOTA", TAX, "EUR"),
    ("European Anti-Fraud Office", "OLAF", AGENCY, "EUR"),
    ("European Union Agency for Law Enforcement Cooperation", "Europol", AGENCY, "EUR"),
    ("Egmont Group of Financial Intelligence Units", "Egmont", AGENCY, None),
    ("Global Alliance for Trade Facilitation", "GATF", OTHER, None),
]
# fmt: on
CONTACT_ROLES = [
    "Head of external relations",
    "Director, partnerships",
    "Senior policy adviser, customs and trade facilitation",
    "Liaison officer to the WCO",
    "Head of the international cooperation unit",
]
# The topics of memoranda of understanding, by the partner's kind.
MOU_TOPICS = {
    PartnerKind.INTERNATIONAL_ORGANISATION: [
        "technical assistance and capacity building",
        "the exchange of statistical and enforcement data",
        "joint training of officials",
    ],
    PartnerKind.BUSINESS_ASSOCIATION: [
        "a customs-business partnership",
        "the exchange of advance cargo information",
        "outreach on the authorized economic operator programme",
        "the prevention of smuggling in international trade",
    ],
    PartnerKind.ACADEMIA: ["customs education and research", "professional standards and training"],
    PartnerKind.TAX_AUTHORITY: [
        "the exchange of information on imports and declared income",
        "joint audits of traders",
        "cooperation in the collection of revenue",
    ],
    PartnerKind.OTHER_AGENCY: [
        "cooperation against fraud affecting public revenue",
        "the exchange of intelligence on illicit financial flows",
    ],
    PartnerKind.OTHER: ["public-private trade facilitation projects"],
}
BILATERAL_TOPICS = [
    "cooperation in customs training",
    "the exchange of statistical data",
    "coordinated border management at their common border",
    "the pre-arrival exchange of transit data",
    "the mutual recognition of customs controls",
]
SCOPES = {
    AgreementKind.CMAA: [
        "Assistance in the prevention, investigation and repression of customs offences; "
        "verification of the accuracy of declarations; spontaneous exchange of information.",
        "Mutual assistance on request and spontaneously; technical assistance; exchange of "
        "information on the valuation, origin and tariff classification of goods.",
        "Assistance in the correct application of customs law, including the recovery of duties, "
        "and the exchange of information on persons, goods and means of transport.",
    ],
    AgreementKind.MOU: [
        "Exchange of information, joint activities and consultations on matters of common "
        "interest.",
        "Cooperation in the areas listed in the annex, reviewed at an annual meeting.",
    ],
    AgreementKind.FRAMEWORK: [
        "A regional framework for cooperation and the exchange of information among the "
        "participating customs administrations, implemented by annual work plans.",
    ],
    AgreementKind.OTHER: ["Statement of intent to cooperate in the areas named."],
}
LEGAL_BASES = [
    "Article 7 of the agreement; the parties' laws on the protection of personal data.",
    "Articles 4 and 11 of the agreement; the national data-protection acts of the parties.",
    "Article 9 of the agreement, read with the parties' customs codes and data-protection laws.",
]
SAFEGUARDS = [
    "Purpose limitation; onward transfer only with the sender's written consent; data kept no "
    "longer than needed; rights of access and rectification.",
    "Data protected as the receiving party's own; access logged; independent supervisory "
    "authority; data deleted once no longer needed.",
    "Use only for the purpose stated in the request; security of processing; notification of "
    "breaches to the sending party.",
]
RETURNED = "Please attach the signed text of the agreement and check its entry into force."
EXCHANGE_BASES = [
    "Article 3 of the agreement (assistance on request).",
    "Article 5 of the agreement (spontaneous assistance).",
    "Article 4 of the agreement (exchange of information on the valuation of goods).",
]
NOTES = {
    ExchangeCategory.ENFORCEMENT: [
        "Reply to a request for assistance in an investigation of smuggling.",
        "Spontaneous alert on a suspect consignment.",
    ],
    ExchangeCategory.RISK: [
        "Risk indicators for a route, shared for targeting.",
        "Seizure information shared for risk profiling.",
    ],
    ExchangeCategory.VALUATION: ["Reply to a request to verify declared transaction values."],
    ExchangeCategory.ORIGIN: ["Result of a verification of proofs of origin."],
    ExchangeCategory.OTHER: ["Exchange of information on a change of procedures."],
}

DIALOGUES_A_YEAR = {2019: 4, 2020: 3, 2021: 6, 2022: 8, 2023: 9, 2024: 10, 2025: 12, 2026: 13}
DIALOGUE_TOPICS = [
    "the future of customs and trade",
    "cross-border e-commerce",
    "the authorized economic operator programmes",
    "the WCO Data Model and advance data",
    "coordinated border management",
    "supply chain security and resilience",
    "the green customs agenda",
    "the digital transformation of customs",
]
OUTCOMES = [
    "Members and business agreed priorities for the coming year; the Secretariat will report back.",
    "The participants endorsed the draft guidance, to be published after a final consultation.",
    "Business raised practical difficulties; the Secretariat will propose solutions.",
    "Agreed to set up a joint working group to prepare recommendations.",
]
ACTIONS = [
    "Circulate the report of the meeting to participants",
    "Draft guidance on {topic} for the Policy Commission",
    "Survey members on {topic}",
    "Set up a working group on {topic}",
    "Publish the outcome of the consultation on the WCO website",
    "Present the recommendations to the Permanent Technical Committee",
    "Prepare a case study on {topic} with business",
    "Update the PSCG work plan",
]
OWNERS = [
    "WCO Secretariat",
    "PSCG co-chairs",
    "Compliance and Facilitation Directorate",
    "Capacity Building Directorate",
    "Tariff and Trade Affairs Directorate",
]

OUTREACH_A_YEAR = {
    2014: 3, 2015: 3, 2016: 4, 2017: 5, 2018: 6, 2019: 6, 2020: 4, 2021: 6, 2022: 10, 2023: 14,
    2024: 17, 2025: 19, 2026: 20,
}  # fmt: skip
# (kind, forum, title, audience, region code or None, weight); {year} and {member} filled in.
# fmt: off
OUTREACH = [
    (OutreachKind.FORUM, "G20 Trade and Investment Working Group",
     "Customs cooperation for resilient supply chains: WCO contribution to the G20 ({year})",
     "G20 trade officials", None, 4),
    (OutreachKind.STATEMENT, "G20 Trade Ministers' Meeting",
     "Statement to the G20 Trade Ministers on customs cooperation ({year})",
     "G20 trade ministers", None, 2),
    (OutreachKind.HIGH_LEVEL_MEETING, "UN Economic and Social Council",
     "Address to ECOSOC on customs and the Sustainable Development Goals",
     "Member State delegations", None, 2),
    (OutreachKind.HIGH_LEVEL_MEETING, "UN Security Council Counter-Terrorism Committee",
     "Briefing on customs' role in countering the financing of terrorism",
     "Committee members", None, 2),
    (OutreachKind.STATEMENT, "UN Commission on Narcotic Drugs",
     "Statement on customs cooperation against drug trafficking ({year})",
     "Member State delegations", None, 2),
    (OutreachKind.FORUM, "WTO Ministerial Conference",
     "Side event on border agency cooperation at the WTO Ministerial Conference",
     "Trade ministers and their delegations", None, 1),
    (OutreachKind.FORUM, "Organization of American States",
     "Customs cooperation and security in the Americas: address to the OAS",
     "Ministers and ambassadors of the Americas", "AMC", 2),
    (OutreachKind.FORUM, "OSCE Economic and Environmental Forum",
     "Connectivity and customs cooperation in Europe", "Ministers and senior officials", "EUR", 2),
    (OutreachKind.FORUM, "APEC Sub-Committee on Customs Procedures",
     "Cooperation and information exchange among APEC customs administrations",
     "APEC senior officials", "ASP", 2),
    (OutreachKind.HIGH_LEVEL_MEETING, "ASEAN Finance Ministers' Meeting",
     "Briefing of ASEAN finance ministers on the ASEAN customs cooperation agenda",
     "Finance ministers", "ASP", 1),
    (OutreachKind.FORUM, "African Union Specialized Technical Committee on Trade",
     "Customs cooperation for the African Continental Free Trade Area", "Trade ministers",
     "ESA", 2),
    (OutreachKind.HIGH_LEVEL_MEETING, "ECOWAS Council of Ministers",
     "Customs cooperation along West African trade corridors", "Ministers of finance and trade",
     "WCA", 2),
    (OutreachKind.FORUM, "League of Arab States Economic and Social Council",
     "Regional customs cooperation and the Arab customs union", "Ministers of economy",
     "MENA", 2),
    (OutreachKind.HIGH_LEVEL_MEETING, "Official visit",
     "Visit of the Secretary General to {member}: meeting with the Minister of Finance",
     "Minister of Finance and heads of border agencies", "member", 4),
    (OutreachKind.OTHER, "Parliamentary hearing",
     "Hearing on customs cooperation before the parliament of {member}",
     "Members of parliament", "member", 1),
]
# fmt: on
OUTREACH_OUTCOMES = [
    "Customs cooperation cited in the final declaration.",
    "Ministers undertook to support the ratification of mutual assistance agreements.",
    "Agreed to include customs in the forum's work programme for next year.",
    "A joint statement on cooperation among border agencies was adopted.",
]

REGISTERS = (Agreement, InformationExchange, StakeholderDialogue, FollowUpAction, OutreachAction)


def permission(model):
    content_type = ContentType.objects.get_for_model(model)
    return Permission.objects.get(content_type=content_type, codename=read_permission(model))


@demo_data("cooperation")
def seed(rng, periods, today, by):
    if any(model.objects.exists() for model in REGISTERS):
        return {}
    members = active_members()
    users = member_users()
    added, partners = make_partners(rng, by)
    agreements = make_agreements(rng, members, partners, today, by, users)
    dialogues, actions = make_dialogues(rng, members, partners, today, by)
    return {
        "partners": added,
        "agreements": len(agreements),
        "information exchanges": make_exchanges(rng, agreements, today, by, users),
        "stakeholder dialogues": dialogues,
        "follow-up actions": actions,
        "outreach actions": make_outreach(rng, members, today, by),
    }


# --- partners --------------------------------------------------------------------------------


def make_partners(rng, by):
    """The partners beyond the international organisations the migration loads, each with a
    contact. Returns the number added and {acronym or name: partner} of every partner."""
    existing = set(Partner.objects.values_list("name", flat=True))
    new = []
    for name, acronym, kind, _ in PARTNERS:
        if name in existing:
            continue
        handle = (acronym or name.split(",")[0].split()[-1]).lower()
        new.append(
            Partner(
                name=name,
                acronym=acronym,
                kind=kind,
                contact_name=rng.choice(CONTACT_ROLES),
                contact_email=f"partnerships@{handle}.example",
                created_by=by,
                updated_by=by,
            )
        )
    validate(rng, new, 10, constraints=False)
    bulk_create_with_history(new, Partner, default_user=by)
    return len(new), {p.acronym or p.name: p for p in Partner.objects.order_by("name")}


# --- agreements ------------------------------------------------------------------------------


def joined_by(member, day):
    return member.joined_on is None or member.joined_on <= day


def choose_parties(rng, kind, members, partners, regional, start, taken):
    """(members, partners, title) of a new agreement of `kind` made about `start`, or None."""
    eligible = [m for m in members if joined_by(m, start)]
    if kind == AgreementKind.CMAA:
        if len(eligible) < 2:
            return None
        for _ in range(20):
            first, second = sorted(rng.sample(eligible, 2), key=lambda m: m.code)
            if (first.code, second.code) not in taken:
                taken.add((first.code, second.code))
                title = (
                    f"Agreement between the Government of {first.name} and the Government of "
                    f"{second.name} on mutual administrative assistance in customs matters"
                )
                return [first, second], [], title
        return None
    if kind == AgreementKind.FRAMEWORK:
        region = rng.choice(sorted(regional))
        pool = [m for m in regional[region] if joined_by(m, start)]
        if len(pool) < 3:
            return None
        chosen = sorted(rng.sample(pool, rng.randint(3, min(8, len(pool)))), key=lambda m: m.code)
        linked = [p for p in partners.values() if p.kind == PartnerKind.INTERNATIONAL_ORGANISATION]
        with_partners = rng.sample(linked, 1) if linked and rng.random() < 0.4 else []
        title = (
            f"Framework for customs cooperation and the exchange of information in "
            f"{chosen[0].region.name}, {start.year}"
        )
        return chosen, with_partners, title
    if kind == AgreementKind.MOU and rng.random() < 0.3:
        if len(eligible) < 2:
            return None
        first, second = sorted(rng.sample(eligible, 2), key=lambda m: m.code)
        title = (
            f"Memorandum of understanding between the customs administrations of {first.name} "
            f"and {second.name} on {rng.choice(BILATERAL_TOPICS)}"
        )
        return [first, second], [], title
    # With a partner: a national tax authority with its own member's customs, a regional body
    # with a member of its region, the others with any member.
    partner = rng.choice(list(partners.values()))
    spec = next((s for s in PARTNERS if s[0] == partner.name), None)
    where = spec[3] if spec else None
    if where in regional:
        eligible = [m for m in regional[where] if joined_by(m, start)]
    elif where is not None:
        eligible = [m for m in eligible if m.code == where]
    if not eligible:
        return None
    member = rng.choice(eligible)
    topic = rng.choice(MOU_TOPICS[partner.kind])
    what = "Memorandum of understanding" if kind == AgreementKind.MOU else "Letter of intent"
    title = f"{what} between the customs administration of {member.name} and {partner} on {topic}"
    return [member], [partner], title


def make_agreements(rng, members, partners, today, by, users):
    """About three hundred agreements signed since 2010, more of them each year. Returns the
    agreements with `members` (their member parties), as saved."""
    reviewer = Reviewer(rng, today, by, users, {Agreement: RETURNED})
    regional = defaultdict(list)
    for member in members:
        regional[member.region.code].append(member)
    wanted = round(AGREEMENTS * min(1.0, len(members) / FULL_MEMBERSHIP))
    span = (after(today, 0.8) - FIRST_AGREEMENT).days
    taken = set()
    agreements, parties = [], []
    for _ in range(wanted):
        # More agreements each year: the density of signatures grows over the programme.
        start = FIRST_AGREEMENT + timedelta(days=round(span * rng.random() ** 0.75))
        kind = rng.choices(
            [AgreementKind.CMAA, AgreementKind.MOU, AgreementKind.FRAMEWORK, AgreementKind.OTHER],
            weights=[58, 32, 6, 4],
        )[0]
        chosen = choose_parties(rng, kind, members, partners, regional, start, taken)
        if chosen is None:
            continue
        with_members, with_partners, title = chosen
        agreement = Agreement(title=title[:300], kind=kind, scope=rng.choice(SCOPES[kind]))
        agreement.check_parties(with_members, with_partners)
        set_dates(rng, agreement, start, today)
        set_data_protection(rng, agreement, start)
        set_confidentiality(rng, agreement, with_partners)
        if agreement.agreement_status == AgreementStatus.NEGOTIATING:
            # Drafts and texts under review; a few published while negotiations go on.
            sent_on = today + timedelta(days=rng.randint(-400, 60))
        else:
            sent_on = min(agreement.signed_on + timedelta(days=rng.randint(7, 60)), today)
            if rng.random() < 0.03:
                sent_on = today - timedelta(days=rng.randint(0, 30))
        agreements.append(reviewer.apply(agreement, sent_on, with_members[0]))
        parties.append((with_members, with_partners))
    for new, its_parties in renegotiate(rng, agreements, parties, today):
        agreements.append(
            reviewer.apply(new, new.signed_on + timedelta(days=20), its_parties[0][0])
        )
        parties.append(its_parties)
    flag_expiring(rng, agreements, today)
    validate(rng, agreements, 25, constraints=False)
    bulk_create_with_history(agreements, Agreement, batch_size=500, default_user=by)
    Members, Partners = Agreement.parties.through, Agreement.partners.through
    Members.objects.bulk_create(
        Members(agreement_id=a.pk, member_id=m.pk)
        for a, (ms, _) in zip(agreements, parties, strict=True)
        for m in ms
    )
    Partners.objects.bulk_create(
        Partners(agreement_id=a.pk, partner_id=p.pk)
        for a, (_, ps) in zip(agreements, parties, strict=True)
        for p in ps
    )
    share(rng, agreements, parties, members, by)
    for agreement, (with_members, _) in zip(agreements, parties, strict=True):
        agreement.member_parties = with_members
    return agreements


def set_dates(rng, agreement, start, today):
    """Signature, entry into force, expiry or termination, and so the status, from the day
    the agreement was (or will be) signed."""
    if start > today:
        agreement.agreement_status = AgreementStatus.NEGOTIATING
        return
    agreement.signed_on = start
    kind = agreement.kind
    if kind == AgreementKind.CMAA:
        # Ratification takes months.
        entry = start + timedelta(days=rng.randint(60, 540))
        term = 10 if rng.random() < 0.15 else None
    elif kind == AgreementKind.FRAMEWORK:
        entry = start + timedelta(days=rng.randint(30, 180))
        term = 5 if rng.random() < 0.5 else None
    else:
        entry = start + timedelta(days=rng.choice([0, 0, 0, 14, 30]))
        term = rng.choices([5, 3, None], weights=[55, 15, 30])[0]
    if entry > today:
        agreement.agreement_status = AgreementStatus.SIGNED
        agreement.entry_into_force = entry if rng.random() < 0.5 else None
        return
    agreement.entry_into_force = entry
    agreement.agreement_status = AgreementStatus.IN_FORCE
    if term is not None:
        agreement.expires_on = after(entry, term) - timedelta(days=1)
        if agreement.expires_on < today:
            agreement.agreement_status = AgreementStatus.EXPIRED
    if rng.random() < 0.05 and (today - entry).days > 200:
        end = min(agreement.expires_on or today, today)
        agreement.terminated_on = between(rng, entry + timedelta(days=180), end)
        if agreement.terminated_on > agreement.signed_on:
            agreement.agreement_status = AgreementStatus.TERMINATED
        else:
            agreement.terminated_on = None


def set_data_protection(rng, agreement, start):
    """Few agreements had data-protection clauses in 2010, almost all have them since 2023; an
    agreement with them may allow the exchange of personal data, on a legal basis."""
    chance = clip(0.1 * (start.year - 2012), 0.02, 0.97)
    agreement.data_protection_clauses = rng.random() < chance
    if not agreement.data_protection_clauses:
        return
    allows = {
        AgreementKind.CMAA: 0.8,
        AgreementKind.FRAMEWORK: 0.6,
        AgreementKind.MOU: 0.25,
        AgreementKind.OTHER: 0.1,
    }
    agreement.allows_personal_data = rng.random() < allows[agreement.kind]
    agreement.safeguards = rng.choice(SAFEGUARDS)
    if agreement.allows_personal_data or rng.random() < 0.5:
        agreement.legal_basis = rng.choice(LEGAL_BASES)


def set_confidentiality(rng, agreement, with_partners):
    if agreement.kind == AgreementKind.CMAA:
        weights = [35, 35, 18, 12]
    elif with_partners:
        weights = [70, 25, 5, 0]
    else:
        weights = [55, 35, 7, 3]
    agreement.confidentiality = rng.choices(
        [
            Confidentiality.PUBLIC,
            Confidentiality.MEMBERS,
            Confidentiality.RESTRICTED,
            Confidentiality.CONFIDENTIAL,
        ],
        weights=weights,
    )[0]


def renegotiate(rng, agreements, parties, today):
    """Since 2021, members have replaced some of their old CMAAs without data-protection clauses
    by new ones with them: the old one is terminated as the new one enters into force. Yields
    (new, (members, partners))."""
    first = date(2021, 3, 1)
    for old, its_parties in list(zip(agreements, parties, strict=True)):
        if (
            old.kind != AgreementKind.CMAA
            or old.agreement_status != AgreementStatus.IN_FORCE
            or old.data_protection_clauses
            or old.signed_on.year > 2016
            or (today - first).days < 120
            or rng.random() >= 0.5
        ):
            continue
        replaced_on = between(rng, first, today - timedelta(days=30))
        if replaced_on <= old.entry_into_force:
            continue
        old.agreement_status = AgreementStatus.TERMINATED
        old.terminated_on = replaced_on
        new = Agreement(
            title=f"{old.title} (revised {replaced_on.year})"[:300],
            kind=old.kind,
            scope=old.scope,
            confidentiality=old.confidentiality,
            agreement_status=AgreementStatus.IN_FORCE,
            signed_on=max(
                old.signed_on + timedelta(days=1),
                replaced_on - timedelta(days=rng.randint(60, 300)),
            ),
            entry_into_force=replaced_on,
            data_protection_clauses=True,
            allows_personal_data=rng.random() < 0.85,
            safeguards=rng.choice(SAFEGUARDS),
            legal_basis=rng.choice(LEGAL_BASES),
        )
        yield new, its_parties


def flag_expiring(rng, agreements, today):
    """A few agreements in force come to their last day within six months."""
    expiring = [a for a in agreements if a.expires_within(EXPIRY_WARNING_DAYS, today)]
    indefinite = [
        a
        for a in agreements
        if a.agreement_status == AgreementStatus.IN_FORCE
        and a.expires_on is None
        and a.kind != AgreementKind.CMAA
    ]
    for agreement in rng.sample(indefinite, k=min(len(indefinite), max(0, 5 - len(expiring)))):
        agreement.expires_on = today + timedelta(days=rng.randint(20, EXPIRY_WARNING_DAYS - 5))


def share(rng, agreements, parties, members, by):
    """The Secretariat's user is named on every confidential agreement (as it keeps reading what
    it saves); a third of the restricted CMAAs are shared with a neighbouring member."""
    view = permission(Agreement)
    grants = [
        AgreementStaffGrant(user=by, permission=view, content_object=a)
        for a in agreements
        if a.confidentiality == Confidentiality.CONFIDENTIAL
    ]
    bulk_create_with_history(grants, AgreementStaffGrant, default_user=by)
    neighbours = defaultdict(list)
    for member in members:
        if member.group_id:
            neighbours[member.region_id].append(member)
    shared = []
    for agreement, (with_members, _) in zip(agreements, parties, strict=True):
        if agreement.confidentiality != Confidentiality.RESTRICTED or rng.random() >= 0.33:
            continue
        others = [m for m in neighbours[with_members[0].region_id] if m not in with_members]
        if others:
            grantee = rng.choice(others)
            shared.append(
                AgreementGrant(group_id=grantee.group_id, permission=view, content_object=agreement)
            )
    bulk_create_with_history(shared, AgreementGrant, default_user=by)


# --- information exchanges -------------------------------------------------------------------


def in_force_window(agreement, today):
    """(first, last) days the agreement was in force up to today, or None."""
    if agreement.entry_into_force is None or agreement.agreement_status not in (
        AgreementStatus.IN_FORCE,
        AgreementStatus.EXPIRED,
        AgreementStatus.TERMINATED,
    ):
        return None
    last = today
    if agreement.expires_on is not None:
        last = min(last, agreement.expires_on)
    if agreement.terminated_on is not None:
        last = min(last, agreement.terminated_on - timedelta(days=1))
    first = agreement.entry_into_force
    return (first, last) if first <= last else None


def make_exchanges(rng, agreements, today, by, users):
    """About five exchanges an agreement, between the member parties of agreements while they
    were in force, more of them as the years go by; personal data only where the agreement
    allows it. The Secretariat's user is named on a few (a joint operation it coordinated)."""
    windows = []
    for agreement in agreements:
        window = in_force_window(agreement, today)
        if window and len(agreement.member_parties) >= 2:
            windows.append((agreement, window))
    if not windows:
        return 0
    weights = [(last - first).days + 30 for _, (first, last) in windows]
    wanted = EXCHANGES_AN_AGREEMENT * len(agreements)
    sequence = defaultdict(int)
    exchanges = []
    categories = list(ExchangeCategory)
    for agreement, (first, last) in rng.choices(windows, weights=weights, k=wanted):
        day = first + timedelta(days=round((last - first).days * rng.random() ** 0.7))
        sender, receiver = rng.sample(agreement.member_parties, 2)
        sequence[sender.code] += 1
        category = rng.choices(categories, weights=[40, 25, 15, 12, 8])[0]
        personal = agreement.allows_personal_data and rng.random() < 0.45
        author = users.get(f"member-{sender.code.lower()}", by)
        exchanges.append(
            InformationExchange(
                agreement=agreement,
                sender=sender,
                receiver=receiver,
                reference=f"{sender.code}-{day.year}-{sequence[sender.code]:05d}",
                date=day,
                category=category,
                classification=rng.choices(
                    [
                        Confidentiality.RESTRICTED,
                        Confidentiality.CONFIDENTIAL,
                        Confidentiality.MEMBERS,
                    ],
                    weights=[70, 20, 10],
                )[0],
                personal_data=personal,
                legal_basis=agreement.legal_basis if personal else rng.choice(EXCHANGE_BASES),
                note=rng.choice(NOTES[category]),
                created_by=author,
                updated_by=author,
            )
        )
    exchanges.sort(key=lambda e: (e.date, e.reference))
    validate(rng, exchanges, 20, constraints=False)
    bulk_create_with_history(exchanges, InformationExchange, batch_size=1000, default_user=by)
    staff = permission(InformationExchange)
    grants = [
        InformationExchangeStaffGrant(user=by, permission=staff, content_object=e)
        for e in exchanges
        if e.created_by == by or rng.random() < 0.04
    ]
    bulk_create_with_history(grants, InformationExchangeStaffGrant, default_user=by)
    return len(exchanges)


# --- stakeholder dialogue --------------------------------------------------------------------


def make_dialogues(rng, members, partners, today, by):
    """The Private Sector Consultative Group meets two or three times a year; consultations and
    workshops come in between, more each year. Each dialogue agreed two to six follow-up
    actions, more of them done on time each year; some are overdue. Returns the numbers of
    dialogues and actions."""
    business = [p for p in partners.values() if p.kind == PartnerKind.BUSINESS_ASSOCIATION]
    others = [p for p in partners.values() if p.kind != PartnerKind.BUSINESS_ASSOCIATION]
    dialogues, taking_part, agreed = [], [], []
    meeting = 0
    for year, count in DIALOGUES_A_YEAR.items():
        count = max(1, count + rng.randint(-1, 1))
        for index in range(count):
            offset = round((index + rng.random()) * 330 / count)
            held_on = date(year, 1, 20) + timedelta(days=offset)
            if held_on > today:
                continue
            topic = rng.choice(DIALOGUE_TOPICS)
            kind = (
                DialogueKind.PSCG_MEETING
                if index % 4 == 0
                else rng.choices(
                    [DialogueKind.CONSULTATION, DialogueKind.WORKSHOP, DialogueKind.OTHER],
                    weights=[45, 45, 10],
                )[0]
            )
            if kind == DialogueKind.PSCG_MEETING:
                meeting += 1
                title = f"Private Sector Consultative Group, meeting {meeting}: {topic}"
                with_partners = rng.sample(business, min(len(business), rng.randint(6, 9)))
            elif kind == DialogueKind.CONSULTATION:
                title = f"Consultation of business on {topic}"
                with_partners = rng.sample(business, min(len(business), rng.randint(2, 5)))
            elif kind == DialogueKind.WORKSHOP:
                title = f"Workshop with business and academia on {topic}"
                with_partners = rng.sample(business, min(len(business), rng.randint(1, 3)))
                with_partners += rng.sample(others, min(len(others), rng.randint(1, 2)))
            else:
                title = f"Customs-business round table on {topic}"
                with_partners = rng.sample(business, min(len(business), rng.randint(1, 4)))
            dialogue = StakeholderDialogue(
                kind=kind,
                title=title,
                held_on=held_on,
                outcomes=rng.choice(OUTCOMES) if held_on < today - timedelta(days=10) else "",
                created_by=by,
                updated_by=by,
            )
            dialogues.append(dialogue)
            with_members = rng.sample(members, min(len(members), rng.randint(3, 12)))
            taking_part.append((with_members, with_partners))
            owners = OWNERS + [p.acronym or p.name for p in with_partners]
            agreed.append(
                [
                    follow_up(rng, dialogue, topic, rng.choice(owners), today, by)
                    for _ in range(rng.randint(2, 6))
                ]
            )
    validate(rng, dialogues, 10, constraints=False)
    bulk_create_with_history(dialogues, StakeholderDialogue, default_user=by)
    Members, Partners = StakeholderDialogue.members.through, StakeholderDialogue.partners.through
    Members.objects.bulk_create(
        Members(stakeholderdialogue_id=d.pk, member_id=m.pk)
        for d, (ms, _) in zip(dialogues, taking_part, strict=True)
        for m in ms
    )
    Partners.objects.bulk_create(
        Partners(stakeholderdialogue_id=d.pk, partner_id=p.pk)
        for d, (_, ps) in zip(dialogues, taking_part, strict=True)
        for p in ps
    )
    actions = []
    for dialogue, its_actions in zip(dialogues, agreed, strict=True):
        for action in its_actions:
            action.dialogue = dialogue
            actions.append(action)
    validate(rng, actions, 20, constraints=False)
    bulk_create_with_history(actions, FollowUpAction, default_user=by)
    return len(dialogues), len(actions)


def follow_up(rng, dialogue, topic, owner, today, by):
    """An action due one to eight months after the dialogue: done by then more often each year;
    done late, still open (overdue) or, seldom, dropped otherwise."""
    held_on = dialogue.held_on
    due = held_on + timedelta(days=rng.randint(30, 240))
    action = FollowUpAction(
        dialogue=dialogue,
        action=rng.choice(ACTIONS).format(topic=topic),
        owner=owner,
        due=due,
        created_by=by,
        updated_by=by,
    )
    early = held_on + timedelta(days=7)
    if due >= today:
        roll = rng.random()
        if roll < 0.25 and early <= today:
            action.status = ActionStatus.DONE
            action.done_on = between(rng, early, today)
        else:
            action.status = ActionStatus.IN_PROGRESS if roll < 0.7 else ActionStatus.OPEN
        return action
    on_time = clip(0.5 + 0.045 * (held_on.year - 2019), 0.5, 0.85)
    roll = rng.random()
    if roll < 0.04:
        action.status = ActionStatus.DROPPED
    elif roll < 0.04 + on_time:
        action.status = ActionStatus.DONE
        action.done_on = between(rng, min(early, due), due)
    elif ((today - due).days < 180 and rng.random() < 0.5) or rng.random() < 0.12:
        action.status = rng.choice([ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    else:
        action.status = ActionStatus.DONE
        action.done_on = min(due + timedelta(days=rng.randint(5, 120)), today)
    return action


# --- political outreach ----------------------------------------------------------------------


def make_outreach(rng, members, today, by):
    """A few actions a year in 2014, about twenty now: the G20, UN bodies, regional forums and
    the Secretary General's visits to members."""
    regions = {region.code: region for region in Region.objects.all()}
    commitments = {
        c.code: c for c in Commitment.objects.filter(code__in=["COOP-1", "COOP-2", "COOP-3"])
    }
    weights = [entry[-1] for entry in OUTREACH]
    actions, reached, served = [], [], []
    for year, count in OUTREACH_A_YEAR.items():
        count = max(1, count + rng.randint(-1, 1))
        for index in range(count):
            offset = round((index + rng.random()) * 340 / count)
            held_on = date(year, 1, 12) + timedelta(days=offset)
            if held_on > today:
                continue
            kind, forum, title, audience, where, _ = rng.choices(OUTREACH, weights=weights)[0]
            region, with_members = None, []
            if where == "member":
                if not members:
                    continue
                member = rng.choice(members)
                with_members = [member]
                title = title.format(member=member.name, year=year)
            else:
                region = regions.get(where) if where else None
                title = title.format(year=year)
            actions.append(
                OutreachAction(
                    kind=kind,
                    title=title,
                    forum=forum,
                    audience=audience,
                    held_on=held_on,
                    region=region,
                    outcome=rng.choice(OUTREACH_OUTCOMES)
                    if held_on < today - timedelta(days=14)
                    else "",
                    created_by=by,
                    updated_by=by,
                )
            )
            reached.append(with_members)
            codes = ["COOP-2"] + rng.sample(["COOP-1", "COOP-3"], rng.randint(0, 1))
            served.append([commitments[c] for c in codes if c in commitments])
    validate(rng, actions, 10, constraints=False)
    bulk_create_with_history(actions, OutreachAction, default_user=by)
    Members = OutreachAction.members.through
    Members.objects.bulk_create(
        Members(outreachaction_id=a.pk, member_id=m.pk)
        for a, ms in zip(actions, reached, strict=True)
        for m in ms
    )
    Commitments = OutreachAction.commitments.through
    Commitments.objects.bulk_create(
        Commitments(outreachaction_id=a.pk, commitment_id=c.pk)
        for a, cs in zip(actions, served, strict=True)
        for c in cs
    )
    return len(actions)
