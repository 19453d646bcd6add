"""Browser pages of the security area beyond its registers' generic pages (declared in
`security.registers`): the area at a glance, the recognition network, and the few record
pages that show more. The figures' pages call the services, a fixed number of queries each.

Passenger-data readiness and risk-management assessments are restricted: the area page shows
only aggregate shares of them."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone
from django.views.generic import TemplateView

from core.charts import bar_chart
from core.models import Commitment, Member
from core.progress import ProgrammeSnapshot
from core.querysets import VIEW
from core.views import (
    MemberRecordCreateView,
    SecretariatCreateView,
    SharedRecordMixin,
    WorkflowDetailView,
)
from security import services
from security.choices import AEOStatus
from security.models import AEOOperatorCount, SafePillar
from security.report import operators_chart

UNIONS = "Customs unions"

# --- the area page ---------------------------------------------------------------------------


class AreaView(TemplateView):
    """Security at a glance: its commitments (SEC-1 to SEC-3), key figures of today, the AEO
    programmes by status, the SAFE pillars members implement, and passenger data as shares of
    members only (the records themselves are restricted)."""

    template_name = "security/area.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        snapshot = ProgrammeSnapshot(
            today=today, commitments=Commitment.objects.filter(area__code="security")
        )
        aeo_counts = services.aeo_status_counts(today)
        most = max(aeo_counts.values(), default=0)
        by_pillar = services.pillar_counts(today)
        operators = services.certified_operators_by_year(today)
        context.update(
            today=today,
            area_state=snapshot.area_states[0] if snapshot.area_states else None,
            figures={
                "strategy": services.members_in_security_strategy(today),
                "aeo": services.members_with_operational_aeo(today),
                "recognitions": services.implemented_recognitions(today),
                "api": services.members_with_operational_api(today),
                "pnr": services.members_with_operational_pnr(today),
                "maturity": services.median_maturity(today),
                "maturity_change": services.median_maturity_change(today),
            },
            aeo_counts=[(label, aeo_counts.get(value, 0)) for value, label in AEOStatus.choices],
            aeo_chart=bar_chart(
                [
                    (label, aeo_counts.get(value, 0), "on_track")
                    for value, label in AEOStatus.choices
                ],
                title=f"Members' AEO programmes by status, {today:%d %B %Y}",
                maximum=most or 1,
                percent=False,
            ),
            operators=operators,
            operators_chart=operators_chart(
                operators,
                title="Operators certified by members' AEO programmes, by year",
                width=660,
            ),
            pillars=[
                (pillar, by_pillar.get(pillar.number, 0))
                for pillar in SafePillar.objects.order_by("number")
            ],
        )
        return context


class NetworkView(TemplateView):
    """Who recognises whom: each party to a mutual recognition arrangement in force today
    (members by region, then customs unions) and the parties it recognises."""

    template_name = "security/network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        arrangements = list(
            services.live_recognitions(today).prefetch_related(
                Prefetch("members", queryset=Member.objects.select_related("region")),
                "customs_unions",
            )
        )
        partners = defaultdict(dict)  # party -> {partner: arrangement}
        for arrangement in arrangements:
            parties = [*arrangement.members.all(), *arrangement.customs_unions.all()]
            for party in parties:
                for other in parties:
                    if other is not party:
                        partners[party][other] = arrangement
        groups = defaultdict(list)
        for party, recognised in partners.items():
            group = party.region.name if isinstance(party, Member) else UNIONS
            groups[group].append((party, sorted(recognised.items(), key=lambda i: i[0].name)))
        context.update(
            today=today,
            arrangements=len(arrangements),
            groups=[
                (name, sorted(groups[name], key=lambda row: row[0].name))
                for name in sorted(groups, key=lambda name: (name == UNIONS, name))
            ],
        )
        return context


# --- pages that show more than their register's generic page -------------------------------


class AEODetailView(WorkflowDetailView):
    """A member's AEO programme, with the operators it certified year by year."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The member's yearly counts the user may read: its own, or those published.
        context["operator_counts"] = list(
            AEOOperatorCount.objects.for_user(self.request.user, VIEW)
            .filter(member_id=self.object.member_id)
            .order_by("year")
        )
        return context


class AssessmentDetailView(SharedRecordMixin, WorkflowDetailView):
    """A restricted assessment, with its score on each dimension."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context["scores"] = [
            (record._meta.get_field(name).verbose_name, getattr(record, name))
            for name in record.DIMENSIONS
        ]
        return context


class AEOCountCreateView(MemberRecordCreateView):
    """A yearly count; `?year=` pre-fills the year (from the programme's page)."""

    initial_from_query = ("year",)


class RecognitionCreateView(SecretariatCreateView):
    initial_from_query = ("status",)
