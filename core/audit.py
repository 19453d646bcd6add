"""Reading the audit trail that django-simple-history keeps for every domain record."""

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping fields every record carries; their change is not news to a reader.
QUIET_FIELDS = {"updated_at", "updated_by", "created_at", "created_by"}


def history_entries(record):
    """The record's history, newest first: who, when, what, and each changed field old -> new.

    One query for the history rows and one for their users, whatever the record's age.
    """
    rows = list(
        record.history.select_related("history_user").order_by("history_date", "history_id")
    )
    entries = []
    previous = None
    for row in rows:
        changes = []
        if previous is not None:
            delta = row.diff_against(previous, foreign_keys_are_objs=False)
            changes = [
                {"field": change.field, "old": _plain(change.old), "new": _plain(change.new)}
                for change in delta.changes
                if change.field not in QUIET_FIELDS
            ]
        elif row.history_type == "+":
            changes = [
                {"field": f.attname, "old": None, "new": _plain(getattr(row, f.attname))}
                for f in record._meta.concrete_fields
                if f.name not in QUIET_FIELDS
                and f.name != "id"
                and getattr(row, f.attname, None) not in (None, "")
            ]
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


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
