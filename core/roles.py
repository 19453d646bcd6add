"""Who a user is on the platform: secretariat, council, member user, anonymous.

Each answer is computed once per user object and kept on it, so a request asks the database
at most once whatever the number of checks.
"""

from django.contrib.auth.models import Group

SECRETARIAT = "secretariat"
COUNCIL = "council"
ACT_FOR_MEMBER = "act_for_member"


def _group_names(user):
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_wco_group_names"):
        user._wco_group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._wco_group_names


def is_secretariat(user):
    return user.is_authenticated and (user.is_superuser or SECRETARIAT in _group_names(user))


def is_council(user):
    return COUNCIL in _group_names(user)


def member_ids_for(user):
    """Ids of the members this user may act for: those whose group holds `act_for_member`."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_wco_member_ids"):
        from core.models import MemberGroupObjectPermission

        user._wco_member_ids = frozenset(
            MemberGroupObjectPermission.objects.filter(
                group__user=user, permission__codename=ACT_FOR_MEMBER
            ).values_list("content_object_id", flat=True)
        )
    return user._wco_member_ids


def is_member_user(user):
    return bool(member_ids_for(user))


def can_write(user):
    """Writers are the secretariat and member users; council and the public only read."""
    return is_secretariat(user) or is_member_user(user)


def secretariat_group():
    return Group.objects.get_or_create(name=SECRETARIAT)[0]


def council_group():
    return Group.objects.get_or_create(name=COUNCIL)[0]


def acts_for_record(user, record):
    """The user may act on a member's record: it is its own member's, or it is the secretariat.
    (The roles are cached on the user: no query.)"""
    return is_secretariat(user) or record.member_id in member_ids_for(user)
