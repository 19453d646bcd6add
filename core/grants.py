"""Read grants on restricted records (DESIGN.md 4): a record's member, or the secretariat, lets
another member read it. The rules are here once, for the API and the browser; the grants are
guardian object permissions on the model's direct foreign-key table (`Model.read_grants()`),
whose history records every grant and revocation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from core.roles import acts_for_record


def read_permission(model):
    return f"view_{model._meta.model_name}"


def may_share(user, record):
    """Only the record's member and the secretariat share it."""
    return acts_for_record(user, record)


def _check(record, member):
    if member.pk == getattr(record, "member_id", None):
        raise ValidationError({"member": f"{member.name} always reads its own records."})


@transaction.atomic
def grant_read(record, member):
    _check(record, member)
    assign_perm(read_permission(type(record)), member.group, record)


@transaction.atomic
def revoke_read(record, member):
    _check(record, member)
    remove_perm(read_permission(type(record)), member.group, record)


def readers(record):
    """The members granted to read `record`: [(code, name)] by name, in one query."""
    return list(
        type(record)
        .read_grants()
        .objects.filter(content_object=record, permission__codename=read_permission(type(record)))
        .exclude(group__member__isnull=True)
        .values_list("group__member__code", "group__member__name")
        .order_by("group__member__name")
    )
