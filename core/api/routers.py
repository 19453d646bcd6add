"""The API of every declared register: one router entry each, at its identifier's path, with
the generic viewset its declaration calls for (or the class it names):

- members report into it: `MemberSubmissionViewSet` (a member's own records, the workflow's
  actions, bulk creation, CSV);
- the secretariat keeps it: `ScopedViewSet`, written by the secretariat (CSV with a `csv_key`);
- reference data everyone reads: `ReadOnlyScopedViewSet`;
- its records are shared by grants: `ReadGrantsMixin` too (`grant/`, `revoke/`, `grants/`);
- members report into it: `EvidenceMixin` too (`evidence/`: files that support a record).
"""

from rest_framework.routers import DefaultRouter

from core import registry
from core.api.csv import CsvRoundTripMixin
from core.api.evidence import EvidenceMixin
from core.api.viewsets import (
    MemberSubmissionViewSet,
    ReadGrantsMixin,
    ReadOnlyScopedViewSet,
    ScopedViewSet,
)
from core.evidence import takes_evidence


def viewset_for(declared):
    """The viewset class of a register: the one it names, or the generic one for its kind;
    either way given the register."""
    if declared.viewset is not None:
        bases = (declared.viewset,)
    elif declared.writers == "members":
        bases = (MemberSubmissionViewSet,)
    elif declared.writers == "nobody":
        bases = (ReadOnlyScopedViewSet,)
    elif declared.csv_key:
        bases = (CsvRoundTripMixin, ScopedViewSet)
    else:
        bases = (ScopedViewSet,)
    if declared.viewset is None and declared.shareable:
        bases = (ReadGrantsMixin, *bases)
    if takes_evidence(declared):
        bases = (EvidenceMixin, *bases)
    attributes = {
        "register": declared,
        "__module__": declared.model.__module__,
        "__doc__": declared.description or bases[0].__doc__,
    }
    if declared.viewset is None or declared.lookup_field != "pk":
        attributes["lookup_field"] = declared.lookup_field
    if declared.lookup_value_regex:
        attributes["lookup_value_regex"] = declared.lookup_value_regex
    if declared.ordering_fields:
        attributes["ordering_fields"] = list(declared.ordering_fields)
    return type(f"{declared.model.__name__}ViewSet", bases, attributes)


def api_router(app_label):
    """A router with every register the app declares, at `<collection>/`."""
    router = DefaultRouter()
    for declared in registry.registers(app_label):
        router.register(declared.collection, viewset_for(declared), basename=declared.api_basename)
    return router
