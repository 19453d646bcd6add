from core.roles import is_council, is_member_user, is_secretariat


def roles(request):
    """The user's role, for the navigation and the read-only views of member users."""
    user = request.user
    secretariat, council, member = is_secretariat(user), is_council(user), is_member_user(user)
    role = "secretariat" if secretariat else "council" if council else "member" if member else ""
    return {
        "is_secretariat": secretariat,
        "is_council": council,
        "is_member_user": member,
        # Said beside the user's name, unless the name says it already ("secretariat").
        "role_name": role if role and role != user.get_username() else "",
    }
