"""Read grants, written once for the API and the browser (docs/architecture.md, "Who may see
and do what").

- A record's member, or the secretariat, lets another member read a restricted record (never a
  confidential one, nor a record of a register confidential to named staff): a
  guardian object permission for the member's group, on the model's direct foreign-key table
  (`Model.read_grants()`).
- A `confidential` record is read by the secretariat staff named on it only: a guardian object
  permission for the user, on the model's direct foreign-key table (`Model.staff_grants()`).
  Whoever may read and share the record (its member, or staff already granted) names them; staff
  who make a record confidential keep reading it.

The grant tables keep their history: every grant and revocation, with who made it and when.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from core.choices import Confidentiality
from core.roles import acts_for_record, is_secretariat


def read_permission(model):
    return f"view_{model._meta.model_name}"


def may_share(user, record):
    """Only the record's member and the secretariat share it (and the secretariat reaches a
    confidential record only when granted it). A record with several parties, not one member,
    says who shares it with `shared_by(user)`."""
    shared_by = getattr(record, "shared_by", None)
    if shared_by is not None:
        return shared_by(user)
    return acts_for_record(user, record)


def always_reads(record, member):
    """The record's own member (or, for a record of several parties, each party: the record's
    `always_read_by(member)`) reads it without a grant."""
    always_read_by = getattr(record, "always_read_by", None)
    if always_read_by is not None:
        return always_read_by(member)
    return member.pk == getattr(record, "member_id", None)


def _check(record, member):
    if always_reads(record, member):
        raise ValidationError({"member": f"{member.name} always reads this record."})


@transaction.atomic
def grant_read(record, member):
    _check(record, member)
    if names_staff(record):
        # Member grants are for restricted records: a confidential one stays with its parties
        # (and the secretariat staff named on it). Revoking an earlier grant stays allowed.
        raise ValidationError(
            {
                "member": "A confidential record is read only by its parties and the "
                "secretariat staff named on it: it is not shared with other members."
            }
        )
    assign_perm(read_permission(type(record)), member.group, record)


@transaction.atomic
def revoke_read(record, member):
    _check(record, member)
    remove_perm(read_permission(type(record)), member.group, record)


def readers(record):
    """The members granted to read `record`: [(code, name)] by name, in one query."""
    if not hasattr(type(record), "read_grants"):
        return []
    return list(
        type(record)
        .read_grants()
        .objects.filter(content_object=record, permission__codename=read_permission(type(record)))
        .exclude(group__member__isnull=True)
        .values_list("group__member__code", "group__member__name")
        .order_by("group__member__name")
    )


# --- confidential records: named secretariat staff ----------------------------------------


def secretariat_staff():
    """The users who may be named on a confidential record, by username."""
    from core.roles import SECRETARIAT

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=SECRETARIAT)
        .distinct()
        .order_by("username")
    )


def _check_staff(user):
    if not (user.is_active and is_secretariat(user)):
        raise ValidationError(
            {"staff": f"{user.username} is not secretariat staff: members are granted as members."}
        )


@transaction.atomic
def grant_staff(record, user):
    _check_staff(user)
    assign_perm(read_permission(type(record)), user, record)


@transaction.atomic
def revoke_staff(record, user):
    remove_perm(read_permission(type(record)), user, record)


def names_staff(record):
    """Whether, in the secretariat, only the staff named on `record` read it: a confidential
    record, or one whose model says so for all its records (`confidential_to_staff`)."""
    if not hasattr(type(record), "staff_grants"):
        return False
    if getattr(type(record), "confidential_to_staff", False):
        return True
    return getattr(record, "confidentiality", None) == Confidentiality.CONFIDENTIAL


def staff_readers(record):
    """The secretariat staff named on `record`: [username] in order, in one query."""
    if not hasattr(type(record), "staff_grants"):
        return []
    return list(
        type(record)
        .staff_grants()
        .objects.filter(content_object=record, permission__codename=read_permission(type(record)))
        .values_list("user__username", flat=True)
        .order_by("user__username")
    )


def keep_author_access(record):
    """Staff who make a record confidential keep reading it: without this, saving it would
    take it out of their own sight."""
    author = record.updated_by
    if author is not None and names_staff(record) and is_secretariat(author):
        assign_perm(read_permission(type(record)), author, record)


# --- one entry point for the API and the browser ------------------------------------------


def grant(record, member=None, staff=None):
    """Let a member (restricted records) or named staff (confidential records) read `record`."""
    _sharing(record, member, staff)
    if member is not None:
        grant_read(record, member)
    else:
        grant_staff(record, staff)


def revoke(record, member=None, staff=None):
    _sharing(record, member, staff)
    if member is not None:
        revoke_read(record, member)
    else:
        revoke_staff(record, staff)


def _sharing(record, member, staff):
    if (member is None) == (staff is None):
        raise ValidationError("Name either a member or secretariat staff.")
    if member is not None and not hasattr(type(record), "read_grants"):
        raise ValidationError({"member": "Records of this register are not shared with members."})
    if staff is not None and not hasattr(type(record), "staff_grants"):
        raise ValidationError({"staff": "Records of this register are not confidential."})


def grants(record):
    """Who else may read `record`: [{"member": code}] then [{"staff": username}]."""
    return [{"member": code} for code, _ in readers(record)] + [
        {"staff": username} for username in staff_readers(record)
    ]
