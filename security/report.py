"""The security chapter of the transparency report, as plain data fetched up front.
`summary(period)` holds the figures; the API's `security/summary/` serves the same dictionary, so
the report and the API cannot disagree.

Passenger-data readiness and risk-management assessments are restricted: the chapter gives only
aggregates, and only those that cover five members or more (else None), never a member's answer.
"""

from collections import Counter
from datetime import date, timedelta
from statistics import median

from core.charts import LINE, bar_chart, line_chart
from core.figures import active_members, at_least_five, published_by, rate
from core.models import Region
from core.registry import Period, report_section
from security import services
from security.choices import AEOStatus, Readiness, RecognitionStatus
from security.models import MutualRecognition, PassengerDataReadiness, SafeAdoption, SafePillar


def recognitions_by_region(day):
    """[(region, arrangements in force with a party of the region)]; a customs union's party
    counts in the regions of its members."""
    regions = list(Region.objects.order_by("code"))
    counts = Counter()
    arrangements = services.live_recognitions(day).prefetch_related(
        "members", "customs_unions__members"
    )
    for arrangement in arrangements:
        parties = list(arrangement.members.all())
        for union in arrangement.customs_unions.all():
            parties += list(union.members.all())
        for region_id in {member.region_id for member in parties}:
            counts[region_id] += 1
    return [(region, counts.get(region.pk, 0)) for region in regions]


def passenger_data(day):
    """Members reporting, and the shares of active members with operational API and PNR access,
    overall and by region; each share only over five reporting members or more."""
    members = active_members(day)
    reported = (
        published_by(PassengerDataReadiness.objects, day)
        .filter(member__in=members)
        .values_list("member__region_id", "api_status", "pnr_status", "go_live")
    )
    active_by_region = Counter(members.values_list("region_id", flat=True))
    rows = {}
    for region_id, api, pnr, go_live in reported:
        row = rows.setdefault(region_id, Counter())
        row["reporting"] += 1
        live = go_live is not None and go_live <= day
        row["api"] += api == Readiness.OPERATIONAL and live
        row["pnr"] += pnr == Readiness.OPERATIONAL and live
    total = sum(rows.values(), Counter())
    regions = []
    for region in Region.objects.order_by("code"):
        row = rows.get(region.pk, Counter())
        active = active_by_region.get(region.pk, 0)
        regions.append(
            {
                "region": region.code,
                "name": region.name,
                "reporting": row["reporting"],
                "api_rate": at_least_five(row["reporting"], rate(row["api"], active)),
                "pnr_rate": at_least_five(row["reporting"], rate(row["pnr"], active)),
            }
        )
    active = members.count()
    return {
        "reporting": total["reporting"],
        "api_rate": at_least_five(total["reporting"], rate(total["api"], active)),
        "pnr_rate": at_least_five(total["reporting"], rate(total["pnr"], active)),
        "regions": regions,
    }


def maturity(day):
    """The median of members' latest maturity and of its change since the previous round, each
    over five members or more."""
    rounds = services.maturity_rounds(day, active_members(day))
    latest = [scores[-1] for scores in rounds.values()]
    changes = [s[-1] - s[-2] for s in rounds.values() if len(s) >= 2]
    return {
        "members_assessed": len(latest),
        "median": at_least_five(len(latest), round(median(latest), 2) if latest else None),
        "members_reassessed": len(changes),
        "median_change": at_least_five(
            len(changes), round(median(changes), 2) if changes else None
        ),
    }


def operators_chart(rows, *, title, width=520):
    """Bars of the operators certified each year (`services.certified_operators_by_year`)."""
    most = max((row["operators"] for row in rows), default=0)
    return bar_chart(
        [(str(row["year"]), row["operators"], LINE) for row in rows],
        title=title,
        maximum=most or 1,
        percent=False,
        width=width,
    )


def summary(period):
    """Figures on the period's last day, compared with its first where they move."""
    day, start = period.end, period.start
    statuses = services.aeo_status_counts(day)
    pillars = services.pillar_counts(day)
    adoptions = published_by(SafeAdoption.objects, day).filter(member__in=active_members(day))
    return {
        "period_start": start,
        "period_end": day,
        "active_members": active_members(day).count(),
        "aeo": {
            "statuses": {status.value: statuses.get(status.value, 0) for status in AEOStatus},
            "operational_rate": services.members_with_operational_aeo(day),
            "operational_rate_at_start": services.members_with_operational_aeo(start),
            "operators_by_year": services.certified_operators_by_year(day),
        },
        "recognition": {
            "implemented": services.implemented_recognitions(day),
            "implemented_at_start": services.implemented_recognitions(start),
            "signed": MutualRecognition.objects.filter(
                status=RecognitionStatus.SIGNED, signed_on__lte=day, ended_on__isnull=True
            ).count(),
            "regions": [
                {"region": region.code, "name": region.name, "arrangements": count}
                for region, count in recognitions_by_region(day)
            ],
        },
        "safe": {
            "adoptions": adoptions.count(),
            "letters_of_intent": adoptions.filter(letter_of_intent_on__lte=day).count(),
            "pillars": [
                {"number": p.number, "title": p.title, "members": pillars.get(p.number, 0)}
                for p in SafePillar.objects.order_by("number")
            ],
        },
        "strategy": {
            "involved_rate": services.members_in_security_strategy(day),
            "involved_rate_at_start": services.members_in_security_strategy(start),
        },
        "passenger_data": passenger_data(day),
        "maturity": maturity(day),
    }


def figures_period(period):
    """The period the chapter's figures cover: the report's period, stretched back to twelve
    months when shorter, so that a monthly report compares its figures with a year before, as
    the computed indicators do."""
    year = default_period(period.end)
    return period if period.start <= year.start else year


def default_period(today):
    return Period(today - timedelta(days=364), today)


def recognitions_by_year(day):
    """[(year end, arrangements in force)] from the first implemented arrangement to `day`."""
    first = (
        MutualRecognition.objects.filter(
            status=RecognitionStatus.IMPLEMENTED, implemented_on__lte=day
        )
        .order_by("implemented_on")
        .values_list("implemented_on", flat=True)
        .first()
    )
    if first is None:
        return []
    points = [
        (date(year, 12, 31), services.implemented_recognitions(date(year, 12, 31)))
        for year in range(first.year, day.year)
    ]
    return [*points, (day, services.implemented_recognitions(day))]


@report_section("security")
def security_chapter(period):
    as_of = period.end
    window = figures_period(period)
    figures = summary(window)
    arrangements = MutualRecognition.objects.filter(
        signed_on__gte=window.start, signed_on__lte=as_of
    ).order_by("signed_on", "party_key")
    statuses = figures["aeo"]["statuses"]
    reported = sum(statuses.values())
    return {
        "template": "security/report_chapter.html",
        "figures": figures,
        "aeo_rows": [
            {"status": status.label, "members": statuses[status.value]}
            for status in reversed(AEOStatus)
        ],
        "aeo_reported": reported,
        "arrangements": [
            {
                "title": str(a),
                "signed_on": a.signed_on,
                # As it stood on the report's last day.
                "implemented_on": a.implemented_on
                if a.implemented_on and a.implemented_on <= as_of
                else None,
            }
            for a in arrangements
        ],
        "aeo_chart": bar_chart(
            [
                (row["status"], (row["members"] / reported) if reported else 0, LINE)
                for row in (
                    {"status": s.label, "members": statuses[s.value]} for s in reversed(AEOStatus)
                )
            ],
            title="AEO programmes by status (% of members reporting)",
            width=520,
        ),
        "operators_chart": operators_chart(
            figures["aeo"]["operators_by_year"],
            title="Operators certified by members' AEO programmes, by year",
        ),
        "recognition_chart": line_chart(
            recognitions_by_year(as_of),
            title="Mutual recognition arrangements in force at each year's end",
            width=520,
            height=190,
        ),
        "passenger_chart": bar_chart(
            [
                (f"{row['name']}: API", (row["api_rate"] or 0) / 100, LINE)
                for row in figures["passenger_data"]["regions"]
                if row["api_rate"] is not None
            ],
            title="Members with operational access to API data, by region (% of members)",
            width=520,
        ),
    }
