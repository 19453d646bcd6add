from django.utils.functional import SimpleLazyObject, cached_property

from core.api.serializers import (
    CommitmentSerializer,
    IndicatorSerializer,
    MemberSerializer,
    RegionSerializer,
    StrategicAreaSerializer,
)
from core.api.viewsets import (
    ReadOnlyScopedViewSet,
)
from core.filtersets import (
    CommitmentFilterSet,
    IndicatorFilterSet,
    MemberFilterSet,
)
from core.models import Commitment, Indicator, Member, Region, StrategicArea
from core.progress import ProgrammeSnapshot


class RegionViewSet(ReadOnlyScopedViewSet):
    queryset = Region.objects.order_by("code")
    serializer_class = RegionSerializer
    lookup_field = "code"
    pagination_class = None


class MemberViewSet(ReadOnlyScopedViewSet):
    queryset = Member.objects.select_related("region").order_by("code")
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


class ProgrammeSnapshotMixin:
    """Serializers of programme data read status and progress from one snapshot per request."""

    @cached_property
    def snapshot(self):
        return ProgrammeSnapshot()

    def get_serializer_context(self):
        # Lazy: the schema generator builds serializers without reading any data.
        return {
            **super().get_serializer_context(),
            "snapshot": SimpleLazyObject(lambda: self.snapshot),
        }


class StrategicAreaViewSet(ProgrammeSnapshotMixin, ReadOnlyScopedViewSet):
    queryset = StrategicArea.objects.all()
    serializer_class = StrategicAreaSerializer
    lookup_field = "code"
    pagination_class = None


class CommitmentViewSet(ProgrammeSnapshotMixin, ReadOnlyScopedViewSet):
    queryset = Commitment.objects.select_related("area")
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9-]+"


class IndicatorViewSet(ReadOnlyScopedViewSet):
    queryset = Indicator.objects.select_related("commitment")
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9.-]+"
