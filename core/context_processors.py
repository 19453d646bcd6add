from core.roles import is_council, is_member_user, is_secretariat


def roles(request):
    """The user's role, for the navigation and the read-only views of member users."""
    user = request.user
    return {
        "is_secretariat": is_secretariat(user),
        "is_council": is_council(user),
        "is_member_user": is_member_user(user),
    }
