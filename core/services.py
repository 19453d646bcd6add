"""Work that spans several records: loading members, granting users a member."""

import csv
from datetime import date
from pathlib import Path

from django.db import transaction

from core.models import Member, Region

MEMBERS_CSV = Path(__file__).resolve().parent / "reference" / "members.csv"


class MemberFileError(ValueError):
    """A members CSV with rows that cannot be loaded; `errors` lists them by line."""

    def __init__(self, errors):
        super().__init__(f"{len(errors)} row(s) could not be loaded")
        self.errors = errors


@transaction.atomic
def load_members(path=MEMBERS_CSV):
    """Create or update members from a CSV (code, name, region, joined_on): all rows or none.

    Returns (created, updated). Each member gets its group, which may act for it.
    """
    regions = {r.code: r for r in Region.objects.all()}
    errors, rows = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"code", "name", "region"} - set(reader.fieldnames or [])
        if missing:
            raise MemberFileError([f"header: missing column(s) {', '.join(sorted(missing))}"])
        for line, row in enumerate(reader, start=2):
            code = (row.get("code") or "").strip().upper()
            if len(code) != 3 or not code.isalpha():
                errors.append(f"line {line}: {code!r} is not an ISO alpha-3 code")
                continue
            if row["region"].strip() not in regions:
                errors.append(f"line {line}: unknown region {row['region']!r}")
                continue
            try:
                joined = date.fromisoformat(row["joined_on"]) if row.get("joined_on") else None
            except ValueError:
                errors.append(f"line {line}: joined_on {row['joined_on']!r} is not a date")
                continue
            rows.append((code, row["name"].strip(), regions[row["region"].strip()], joined))
    if errors:
        raise MemberFileError(errors)
    existing = {m.code: m for m in Member.objects.all()}
    created = updated = 0
    for code, name, region, joined in rows:
        member = existing.get(code)
        if member is None:
            Member.objects.create(code=code, name=name, region=region, joined_on=joined)
            created += 1
        elif (member.name, member.region_id, member.joined_on) != (name, region.pk, joined):
            member.name, member.region, member.joined_on = name, region, joined
            member.save()
            updated += 1
    return created, updated
