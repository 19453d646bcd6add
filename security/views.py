"""Browser pages of the security registers: thin views on the scoped querysets, the model
rules and the services (STYLE.md). Members report their SAFE adoption, AEO programme and the
operators it certified each year, part in the national security strategy, passenger-data
readiness and risk-management assessments, and move them through the workflow; the
secretariat records mutual recognition arrangements and customs unions, and validates and
publishes; everyone reads what `for_user` gives them.

Passenger-data readiness and risk-management assessments are restricted: their lists and
details show only what `for_user` gives, and the area page shows only aggregate shares. The
record's member (or the secretariat) grants another member read access on its detail page.

Lists fetch what their rows show with select_related and prefetch_related, and the figures'
pages call the services, a fixed number of queries each (STYLE.md habit 1)."""

from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from core.charts import bar_chart
from core.models import Commitment, Member
from core.progress import ProgrammeSnapshot
from core.querysets import VIEW
from core.views import (
    MemberRecordCreateView,
    MemberRecordEditView,
    ReadAccessView,
    RecordDetailView,
    RecordTransitionView,
    RegisterListView,
    ScopedMixin,
    SecretariatCreateView,
    SecretariatEditView,
    SharedRecordMixin,
    WorkflowDetailView,
)
from security import services
from security.choices import AEOStatus
from security.filtersets import (
    AEOOperatorCountFilterSet,
    AEOProgrammeFilterSet,
    MutualRecognitionFilterSet,
    PassengerDataReadinessFilterSet,
    RiskManagementAssessmentFilterSet,
    SafeAdoptionFilterSet,
    SecurityStrategyRoleFilterSet,
)
from security.forms import (
    AEOOperatorCountForm,
    AEOProgrammeForm,
    CustomsUnionForm,
    MutualRecognitionForm,
    PassengerDataReadinessForm,
    RiskManagementAssessmentForm,
    SafeAdoptionForm,
    SafeEditionForm,
    SecurityStrategyRoleForm,
)
from security.models import (
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


# --- lists -----------------------------------------------------------------------------------


def pillar_choices():
    return [(p.number, str(p)) for p in SafePillar.objects.order_by("number")]


def edition_choices():
    return [(e.year, e.title) for e in SafeEdition.objects.order_by("-year")]


class SecurityListView(RegisterListView):
    """A security register's list: pillars and editions to choose from, and its filters'
    names."""

    filter_labels = {
        "api_status": "API access",
        "confidentiality": "Confidentiality",
        "covers": "Covers",
        "edition": "SAFE edition",
        "involvement": "Involvement",
        "live": "In force",
        "party": "Party (code)",
        "pillar": "Pillar",
        "pnr_status": "PNR access",
        "seat_on_security_body": "Seat on the security body",
        "submission_status": "Review status",
    }
    filter_lists = {"pillar": pillar_choices, "edition": edition_choices}
    search_fields = ("member__name", "member__code")

    def with_related(self, queryset):
        return queryset.select_related("member__region")


class SafeListView(SecurityListView):
    model = SafeAdoption
    template_name = "security/safe_list.html"
    filterset_class = SafeAdoptionFilterSet

    def with_related(self, queryset):
        return (
            super()
            .with_related(queryset)
            .select_related("edition")
            .prefetch_related(Prefetch("pillars", queryset=SafePillar.objects.order_by("number")))
        )


class AEOListView(SecurityListView):
    model = AEOProgramme
    template_name = "security/aeo_list.html"
    filterset_class = AEOProgrammeFilterSet
    filter_labels = {**SecurityListView.filter_labels, "status": "Programme status"}


class AEOCountListView(SecurityListView):
    model = AEOOperatorCount
    template_name = "security/aeo_count_list.html"
    filterset_class = AEOOperatorCountFilterSet
    filter_labels = {**SecurityListView.filter_labels, "year": "Year"}


class StrategyListView(SecurityListView):
    model = SecurityStrategyRole
    template_name = "security/strategy_list.html"
    filterset_class = SecurityStrategyRoleFilterSet


class RecognitionListView(SecurityListView):
    model = MutualRecognition
    template_name = "security/recognition_list.html"
    filterset_class = MutualRecognitionFilterSet
    search_fields = ("title", "party_key")

    def with_related(self, queryset):
        return queryset.prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("name")),
            Prefetch("customs_unions", queryset=CustomsUnion.objects.order_by("code")),
        )


class PassengerListView(SecurityListView):
    """Only the records `for_user` gives: the user's own, those granted to it, and for the
    secretariat all."""

    model = PassengerDataReadiness
    template_name = "security/passenger_list.html"
    filterset_class = PassengerDataReadinessFilterSet


class AssessmentListView(SecurityListView):
    model = RiskManagementAssessment
    template_name = "security/assessment_list.html"
    filterset_class = RiskManagementAssessmentFilterSet


class UnionListView(ScopedMixin, ListView):
    """The customs unions that are parties to arrangements, with their members."""

    model = CustomsUnion
    template_name = "security/union_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .order_by("code")
            .prefetch_related(Prefetch("members", queryset=Member.objects.order_by("name")))
        )


# --- details ---------------------------------------------------------------------------------


class SafeDetailView(WorkflowDetailView):
    model = SafeAdoption
    template_name = "security/safe_detail.html"
    context_object_name = "adoption"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("member__region", "edition")
            .prefetch_related(Prefetch("pillars", queryset=SafePillar.objects.order_by("number")))
        )


class AEODetailView(WorkflowDetailView):
    model = AEOProgramme
    template_name = "security/aeo_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return super().get_queryset().select_related("member__region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The member's yearly counts the user may read: its own, or those published.
        context["operator_counts"] = list(
            AEOOperatorCount.objects.for_user(self.request.user, VIEW)
            .filter(member_id=self.object.member_id)
            .order_by("year")
        )
        return context


class AEOCountDetailView(WorkflowDetailView):
    model = AEOOperatorCount
    template_name = "security/aeo_count_detail.html"
    context_object_name = "operator_count"

    def get_queryset(self):
        return super().get_queryset().select_related("member__region")


class StrategyDetailView(WorkflowDetailView):
    model = SecurityStrategyRole
    template_name = "security/strategy_detail.html"
    context_object_name = "role"

    def get_queryset(self):
        return super().get_queryset().select_related("member__region")


class RecognitionDetailView(RecordDetailView):
    model = MutualRecognition
    template_name = "security/recognition_detail.html"
    context_object_name = "recognition"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("members", queryset=Member.objects.select_related("region")),
                Prefetch("customs_unions", queryset=CustomsUnion.objects.order_by("code")),
            )
        )


class RestrictedDetailView(SharedRecordMixin, WorkflowDetailView):
    """A restricted record: its member and the secretariat also see who else may read it,
    and grant or revoke that."""

    def get_queryset(self):
        return super().get_queryset().select_related("member__region")


class PassengerDetailView(RestrictedDetailView):
    model = PassengerDataReadiness
    template_name = "security/passenger_detail.html"
    context_object_name = "readiness"
    access_url_name = "security:passenger_access"


class AssessmentDetailView(RestrictedDetailView):
    model = RiskManagementAssessment
    template_name = "security/assessment_detail.html"
    context_object_name = "assessment"
    access_url_name = "security:assessment_access"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context["scores"] = [
            (record._meta.get_field(name).verbose_name, getattr(record, name))
            for name in record.DIMENSIONS
        ]
        return context


# --- members' submissions: create, edit, workflow --------------------------------------------


class SafeCreateView(MemberRecordCreateView):
    model = SafeAdoption
    form_class = SafeAdoptionForm
    list_url_name = "safe_list"
    refusal = "Only a member administration reports its adoption of the SAFE Framework."


class SafeEditView(MemberRecordEditView):
    model = SafeAdoption
    form_class = SafeAdoptionForm
    related = ("member",)


class SafeTransitionView(RecordTransitionView):
    model = SafeAdoption
    related = ("member",)


class AEOCreateView(MemberRecordCreateView):
    model = AEOProgramme
    form_class = AEOProgrammeForm
    list_url_name = "aeo_list"
    refusal = "Only a member administration reports its AEO programme."


class AEOEditView(MemberRecordEditView):
    model = AEOProgramme
    form_class = AEOProgrammeForm
    related = ("member",)


class AEOTransitionView(RecordTransitionView):
    model = AEOProgramme
    related = ("member",)


class AEOCountCreateView(MemberRecordCreateView):
    model = AEOOperatorCount
    form_class = AEOOperatorCountForm
    list_url_name = "aeo_count_list"
    refusal = "Only a member administration reports the operators its AEO programme certified."
    initial_from_query = ("year",)


class AEOCountEditView(MemberRecordEditView):
    model = AEOOperatorCount
    form_class = AEOOperatorCountForm
    related = ("member",)


class AEOCountTransitionView(RecordTransitionView):
    model = AEOOperatorCount
    related = ("member",)


class StrategyCreateView(MemberRecordCreateView):
    model = SecurityStrategyRole
    form_class = SecurityStrategyRoleForm
    list_url_name = "strategy_list"
    refusal = "Only a member administration reports its part in its security strategy."


class StrategyEditView(MemberRecordEditView):
    model = SecurityStrategyRole
    form_class = SecurityStrategyRoleForm
    related = ("member",)


class StrategyTransitionView(RecordTransitionView):
    model = SecurityStrategyRole
    related = ("member",)


class PassengerCreateView(MemberRecordCreateView):
    model = PassengerDataReadiness
    form_class = PassengerDataReadinessForm
    list_url_name = "passenger_list"
    refusal = "Only a member administration reports its passenger-data readiness."


class PassengerEditView(MemberRecordEditView):
    model = PassengerDataReadiness
    form_class = PassengerDataReadinessForm
    related = ("member",)


class PassengerTransitionView(RecordTransitionView):
    model = PassengerDataReadiness
    related = ("member",)


class PassengerAccessView(ReadAccessView):
    model = PassengerDataReadiness


class AssessmentCreateView(MemberRecordCreateView):
    model = RiskManagementAssessment
    form_class = RiskManagementAssessmentForm
    list_url_name = "assessment_list"
    refusal = "Only a member administration reports its risk-management assessments."


class AssessmentEditView(MemberRecordEditView):
    model = RiskManagementAssessment
    form_class = RiskManagementAssessmentForm
    related = ("member",)


class AssessmentTransitionView(RecordTransitionView):
    model = RiskManagementAssessment
    related = ("member",)


class AssessmentAccessView(ReadAccessView):
    model = RiskManagementAssessment


# --- the secretariat's registers -------------------------------------------------------------


class RecognitionCreateView(SecretariatCreateView):
    model = MutualRecognition
    form_class = MutualRecognitionForm
    list_url_name = "recognition_list"
    initial_from_query = ("status",)


class RecognitionEditView(SecretariatEditView):
    model = MutualRecognition
    form_class = MutualRecognitionForm


class BackToListMixin:
    """Reference records with no page of their own (customs unions, SAFE editions): after
    saving, back to their list."""

    list_url_name = None

    def form_valid(self, form):
        with transaction.atomic():
            form.instance.stamp(self.request.user)
            self.object = form.save()
        messages.success(self.request, f"{self.object} saved.")
        return redirect(reverse(f"security:{self.list_url_name}"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(f"security:{self.list_url_name}")
        return context


class UnionCreateView(BackToListMixin, SecretariatCreateView):
    model = CustomsUnion
    form_class = CustomsUnionForm
    list_url_name = "union_list"


class UnionEditView(BackToListMixin, SecretariatEditView):
    model = CustomsUnion
    form_class = CustomsUnionForm
    list_url_name = "union_list"


class EditionListView(ScopedMixin, ListView):
    """The editions of the SAFE Framework, as the secretariat records its upgrades."""

    model = SafeEdition
    template_name = "security/edition_list.html"
    paginate_by = 50

    def get_queryset(self):
        return super().get_queryset().order_by("-year")


class EditionCreateView(BackToListMixin, SecretariatCreateView):
    model = SafeEdition
    form_class = SafeEditionForm
    list_url_name = "edition_list"


class EditionEditView(BackToListMixin, SecretariatEditView):
    model = SafeEdition
    form_class = SafeEditionForm
    list_url_name = "edition_list"
