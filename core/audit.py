"""Reading the audit trail that django-simple-history keeps for every domain record."""

from simple_history.models import HistoricalRecords

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping fields every record carries; their change is not news to a reader.
QUIET_FIELDS = {"updated_at", "updated_by", "created_at", "created_by"}


def history_entries(record):
    """The record's history, newest first: who, when, what, and each changed field old -> new.

    A many-to-many field's change reads as the sorted names of its links before and after.
    One query for the history rows and their users, and one per audited many-to-many field for
    all their link snapshots, whatever the record's age.
    """
    rows = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    m2m_fields = record.history.model._history_m2m_fields
    links = {field.name: _links_by_row(record, field) for field in m2m_fields}
    quiet = QUIET_FIELDS | set(links)
    entries = []
    previous = None
    for row in rows:
        changes = []
        if previous is not None:
            delta = row.diff_against(
                previous, excluded_fields=list(links), foreign_keys_are_objs=False
            )
            changes = [
                {"field": change.field, "old": _plain(change.old), "new": _plain(change.new)}
                for change in delta.changes
                if change.field not in quiet
            ]
            for name, by_row in links.items():
                old = by_row.get(previous.history_id, {})
                new = by_row.get(row.history_id, {})
                if old.keys() != new.keys():
                    changes.append({"field": name, "old": _names(old), "new": _names(new)})
        elif row.history_type == "+":
            changes = [
                {"field": f.attname, "old": None, "new": _plain(getattr(row, f.attname))}
                for f in record._meta.concrete_fields
                if f.name not in QUIET_FIELDS
                and f.name != "id"
                and getattr(row, f.attname, None) not in (None, "")
            ]
            for name, by_row in links.items():
                if by_row.get(row.history_id):
                    changes.append(
                        {"field": name, "old": None, "new": _names(by_row[row.history_id])}
                    )
        entries.append(
            {
                "history_id": row.history_id,
                "date": row.history_date,
                "user": row.history_user.get_username() if row.history_user else None,
                "action": ACTIONS[row.history_type],
                "changes": changes,
            }
        )
        previous = row
    entries.reverse()
    return entries


def _links_by_row(record, field):
    """{history row id: {linked pk: linked object}} for one many-to-many field, in one query."""
    snapshot = HistoricalRecords.m2m_models[field]
    target = field.m2m_reverse_field_name()
    by_row = {}
    for link in snapshot.objects.filter(history__id=record.pk).select_related(target):
        by_row.setdefault(link.history_id, {})[getattr(link, f"{target}_id")] = getattr(
            link, target
        )
    return by_row


def _names(linked):
    return sorted(str(obj) if obj is not None else f"#{pk}" for pk, obj in linked.items())


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def snapshot_current_links(apps, app_label, model_name, fields):
    """Data migration step for a model whose many-to-many fields become audited: give each of its
    existing history rows a snapshot of the record's current links.

    Rows written before those fields were audited hold no snapshot, which would read as "no
    link" and show the first audited change as every link being added. Today's links are the
    best knowledge of the past; with them, no change is claimed where none was recorded.
    """
    model = apps.get_model(app_label, model_name)
    history = apps.get_model(app_label, f"Historical{model_name}")
    rows = list(history.objects.values_list("history_id", "id"))
    for name in fields:
        snapshot = apps.get_model(app_label, f"Historical{model_name}_{name}")
        field = model._meta.get_field(name)
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        links = {}
        for link_id, record_id, target_id in through.objects.values_list(
            "id", f"{source}_id", f"{target}_id"
        ):
            links.setdefault(record_id, []).append((link_id, target_id))
        snapshot.objects.bulk_create(
            (
                snapshot(
                    history_id=history_id,
                    id=link_id,
                    **{f"{source}_id": record_id, f"{target}_id": target_id},
                )
                for history_id, record_id in rows
                for link_id, target_id in links.get(record_id, ())
            ),
            batch_size=1000,
        )


def history_for(record, user):
    """The record's history as `user` may read it: a model that hides some fields' changes from
    some readers (a partner's contact person from the public) says so with `history_for(user)`.
    Files attached to the record as evidence, and removed, are part of it."""
    own = getattr(record, "history_for", None)
    entries = own(user) if own is not None else history_entries(record)
    evidence = evidence_entries(record)
    if evidence:
        entries = sorted([*entries, *evidence], key=lambda e: e["date"], reverse=True)
    return entries


def evidence_entries(record):
    """The attaching and removing of the record's evidence files, as changes of `evidence`:
    one query."""
    from core import registry
    from core.evidence import takes_evidence
    from core.models import Evidence

    declared = registry.register_of(record)
    if not takes_evidence(declared):
        return []
    rows = (
        Evidence.history.filter(register=declared.path, record_id=record.pk)
        .exclude(history_type="~")
        .select_related("history_user")
        .order_by("history_date")
    )
    return [
        {
            "history_id": row.history_id,
            "date": row.history_date,
            "user": row.history_user.get_username() if row.history_user else None,
            "action": "changed",
            "changes": [
                {"field": "evidence", "old": None, "new": row.name}
                if row.history_type == "+"
                else {"field": "evidence", "old": row.name, "new": None}
            ],
        }
        for row in rows
    ]
