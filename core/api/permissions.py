"""The API's one permission class: reads are scoped by the queryset, writes need a writer role
and an object the user may change (404 out of scope, 403 in scope but not allowed)."""

from rest_framework import permissions

from core.querysets import CHANGE
from core.roles import can_write, is_secretariat


class ScopedPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if getattr(view, "secretariat_writes_only", False):
            return is_secretariat(request.user)
        return can_write(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        model = type(obj)
        return model.objects.for_user(request.user, CHANGE).filter(pk=obj.pk).exists()
