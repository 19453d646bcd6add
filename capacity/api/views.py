"""The capacity-building API beyond its registers' generic viewsets (declared in
`capacity.registers`): the few viewsets that do more than the generic one, and the figures
(follow-up, donor coordination, funding and the area's summary)."""

from datetime import date

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as APIValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from capacity import report, services
from capacity.models import Recommendation
from core.api.csv import CsvRoundTripMixin
from core.api.figures import PERIOD_PARAMETERS, AreaSummaryView, period_from, start_of_year
from core.api.viewsets import ReadGrantsMixin, ReadOnlyScopedViewSet, ScopedViewSet
from core.dates import within_platform_range
from core.querysets import CHANGE
from core.roles import is_secretariat

# --- reference data looked up by their own key ----------------------------------------------


class SDGViewSet(ReadOnlyScopedViewSet):
    """The 17 Sustainable Development Goals, by number (`sdgs/16/`)."""

    lookup_field = "number"
    lookup_value_regex = "[0-9]+"


class InstrumentViewSet(ScopedViewSet):
    """WCO instruments, by code (`instruments/RKC/`)."""

    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_-]+"


# --- projects, funding and evaluation -------------------------------------------------------


class ProjectViewSet(ScopedViewSet):
    """Capacity-building projects (public programme data; the secretariat keeps them). An
    active project names a beneficiary and has a funder: create it in the pipeline, record
    its funding, then set `status` to `active`; it closes once evaluated."""

    # Not by beneficiaries, commitments or SDGs: a project would be listed once for each.
    ordering_fields = ["code", "start", "end"]


class FundingViewSet(ScopedViewSet):
    """Donors' funding of projects by year, in the project's currency and in euros."""

    ordering_fields = ["year", "committed_eur", "disbursed_eur"]

    def perform_destroy(self, instance):
        # An active project keeps a funder (services.withdraw_funding says no otherwise).
        services.withdraw_funding(instance)


class EvaluationViewSet(ScopedViewSet):
    """Evaluations of projects on the six OECD DAC criteria (public; the secretariat's)."""

    def perform_destroy(self, instance):
        # A closed project keeps its evaluation (services.remove_evaluation says no otherwise).
        services.remove_evaluation(instance)


# --- diagnostics ----------------------------------------------------------------------------


class DiagnosticMissionViewSet(ReadGrantsMixin, ScopedViewSet):
    """Diagnostic missions and their findings, `restricted` by default: the secretariat records
    them; the member reads its own and may let another member read one (`grant/`)."""

    @property
    def secretariat_writes_only(self):
        # Sharing is the member's as much as the secretariat's (core.grants decides who).
        return self.action not in ("grant", "revoke")


class RecommendationViewSet(CsvRoundTripMixin, ScopedViewSet):
    """Recommendations of diagnostic missions, read by whoever reads the mission. The
    secretariat records them; a member updates the follow-up of its own (`follow_up`, `done_on`,
    `follow_up_note`). `?overdue_on=` lists those open past their due date.

    CSV by mission and text (a mission does not make the same recommendation twice): a member
    exports its recommendations, edits the follow-up columns and imports the file back; the
    secretariat creates and updates any column but those two, which name the record."""

    ordering_fields = ["due", "priority"]
    # Members write too (their follow-up): `Recommendation.check_change` says what, below.
    secretariat_writes_only = False

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": date.today()}

    def check_change(self, changed=None):
        """`Recommendation.check_change` as the API's 403, with its reason (a CSV import
        reports it as the row's error)."""
        try:
            Recommendation.check_change(self.request.user, changed)
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc

    def create(self, request, *args, **kwargs):
        self.check_change()
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        # Again here: a CSV import creates through perform_create, not create.
        self.check_change()
        super().perform_create(serializer)

    def _find(self, data, fields):
        """A member's row names one of the recommendations it may change, or it is refused
        alike whether the record is another member's, one it cannot read or none at all (a
        member creates none, and learns nothing of others' missions and texts)."""
        user = self.request.user
        if is_secretariat(user):
            return super()._find(data, fields)
        mission = str(data.get("mission") or "").strip()
        text = fields["text"].to_internal_value(data.get("text") or "")
        mine = Recommendation.objects.for_user(user, CHANGE)
        if not mission.isdigit() or not mine.filter(mission_id=int(mission)).exists():
            raise PermissionDenied(
                "You may only update the follow-up of your own administration's "
                "recommendations: this row names none of them."
            )
        found = mine.filter(mission_id=int(mission), text=text).first()
        if found is None:
            raise APIValidationError(
                {
                    "text": [
                        f"Mission {mission} makes no recommendation with this text. The text "
                        "names the recommendation: a member updates only its follow-up "
                        f"({', '.join(sorted(Recommendation.MEMBER_FIELDS))}), and the "
                        "secretariat words and records recommendations."
                    ]
                }
            )
        return found

    def perform_update(self, serializer):
        record = serializer.instance
        sent = serializer.validated_data
        if not is_secretariat(self.request.user) and not Recommendation.MEMBER_FIELDS & set(sent):
            # A member's change is an update of the follow-up: one that names none of its
            # fields (an empty one too) is a change of what the secretariat records.
            raise PermissionDenied(
                "A member updates only the follow-up of its recommendations "
                f"({', '.join(sorted(Recommendation.MEMBER_FIELDS))}): this change names none."
            )
        self.check_change([name for name, value in sent.items() if getattr(record, name) != value])
        super().perform_update(serializer)

    def perform_destroy(self, instance):
        self.check_change()
        super().perform_destroy(instance)


# --- figures --------------------------------------------------------------------------------


class DayQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False, validators=[within_platform_range])


def day_from(request):
    query = DayQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data.get("on") or date.today()


DAY_PARAMETERS = [OpenApiParameter("on", date, description="The day (default: today)")]


class FollowUpView(APIView):
    """The follow-up of diagnostic recommendations on a day: overall (all members, an
    aggregate), and per member for the members whose recommendations the user reads."""

    @extend_schema(parameters=DAY_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        day = day_from(request)
        readable = Recommendation.objects.for_user(request.user)
        return Response(
            {
                "on": day,
                "overall": services.follow_up(day).as_dict(),
                "members": [
                    {
                        "member": member.code,
                        "name": member.name,
                        "region": member.region.code,
                        **figures.as_dict(),
                    }
                    for member, figures in services.follow_up_by_member(day, readable)
                ],
            }
        )


class OverlapsView(APIView):
    """Members where two or more donors fund different projects in the same strategic area at
    the same time, in the period (`start` and `end`; default: today)."""

    @extend_schema(parameters=PERIOD_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        period = period_from(request, default_start=lambda end: end)
        return Response(
            {
                "start": period.start,
                "end": period.end,
                "overlaps": services.overlaps(period.start, period.end),
            }
        )


class GapsView(APIView):
    """Members' assistance needs on a day that no running project covers, by member: only the
    needs the user may read (services.gaps_for); of the others only how many there are
    (`hidden_needs`) and of how many members (`hidden_members`)."""

    @extend_schema(parameters=DAY_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        day = day_from(request)
        found = services.gaps_for(request.user, day)
        return Response(
            {
                "on": day,
                "members": [
                    {
                        "member": member.code,
                        "name": member.name,
                        "region": member.region.code,
                        "needs": [
                            {
                                "area": need.area_code,
                                "kind": need.kind,
                                "priority": need.priority,
                                "reference": need.reference,
                                "label": need.label,
                            }
                            for need in needs
                        ],
                    }
                    for member, needs in found.members
                ],
                "hidden_needs": found.hidden_needs,
                "hidden_members": found.hidden_members,
            }
        )


class FundingQuerySerializer(serializers.Serializer):
    first_year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)
    last_year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)

    def validate(self, attrs):
        first, last = attrs.get("first_year"), attrs.get("last_year")
        if first and last and last < first:
            raise serializers.ValidationError({"last_year": "The last year comes after the first."})
        return attrs


class FundingView(APIView):
    """Funding committed and disbursed in euros, per donor, year, strategic area, region and
    SDG, for the funding years asked (`first_year`, `last_year`; default: all)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("first_year", int, description="First funding year"),
            OpenApiParameter("last_year", int, description="Last funding year"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        query = FundingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(services.funding_breakdown(**query.validated_data))


class SummaryView(AreaSummaryView):
    """The capacity-building figures of a period (default: this year to `end`)."""

    summary = staticmethod(report.summary)
    default_start = staticmethod(start_of_year)
