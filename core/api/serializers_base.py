"""Serializer helpers shared by every area app."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from core.models import Member
from core.roles import is_secretariat, member_ids_for


class MemberCodeField(serializers.SlugRelatedField):
    """A member referred to by its ISO alpha-3 code (`"member": "FRA"`)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", Member.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, str):
            data = data.upper()
        return super().to_internal_value(data)


class ModelCleanSerializer(serializers.ModelSerializer):
    """Runs the model's own `clean()` so a rule written once on the model holds in the API, and
    turns its errors into 400 field errors."""

    def validate(self, attrs):
        attrs = super().validate(attrs)
        self.fill_member(attrs)
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        values = {k: v for k, v in attrs.items() if not isinstance(v, list)}
        original = {k: getattr(instance, k, None) for k in values}
        for key, value in values.items():
            setattr(instance, key, value)
        try:
            instance.clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(
                exc.message_dict
                if hasattr(exc, "error_dict")
                else {"non_field_errors": exc.messages}
            ) from exc
        finally:
            if self.instance is not None:
                for key, value in original.items():
                    setattr(instance, key, value)
        return attrs

    def fill_member(self, attrs):
        """A member user writing without naming a member writes for its own (if it has one)."""
        request = self.context.get("request")
        if request is None or "member" not in self.fields or attrs.get("member") is not None:
            return
        if self.instance is not None and "member" not in attrs:
            return
        user = request.user
        own = member_ids_for(user)
        if not is_secretariat(user) and len(own) == 1:
            attrs["member"] = Member.objects.get(pk=next(iter(own)))
