"""Serializer helpers shared by every area app."""

import re
from datetime import date

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import CheckConstraint
from rest_framework import serializers

from core.dates import EARLIEST, LATEST, in_range
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
        errors = plain_input_errors(attrs)
        if errors:
            raise serializers.ValidationError(errors)
        model = self.Meta.model
        instance = self.instance if self.instance is not None else model()
        values = {k: v for k, v in attrs.items() if not isinstance(v, list)}
        original = {k: getattr(instance, k, None) for k in values}
        for key, value in values.items():
            setattr(instance, key, value)
        try:
            instance.clean()
            check_constraints(instance)
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
        """A member user writing without naming a member writes for its own (if it has one);
        a record that belongs to a member names it, or is refused with a field error."""
        request = self.context.get("request")
        if request is None or "member" not in self.fields or attrs.get("member") is not None:
            return
        if self.fields["member"].read_only:
            return  # the record's member follows from another field (a mission's)
        if self.instance is not None and "member" not in attrs:
            return
        user = request.user
        own = member_ids_for(user)
        if not is_secretariat(user) and len(own) == 1:
            attrs["member"] = Member.objects.get(pk=next(iter(own)))
            return
        field = self.Meta.model._meta.get_field("member")
        if not field.null:
            raise serializers.ValidationError(
                {"member": ["Name the member administration (its ISO alpha-3 code)."]}
            )


# Control characters (tabs and line breaks aside) print as nothing, or break the reports.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_input_errors(values):
    """Field errors of text with control characters and of dates outside the platform's range:
    the same rules as the forms."""
    errors = {}
    for name, value in values.items():
        if isinstance(value, str) and CONTROL.search(value):
            errors[name] = ["Remove the control characters from this text."]
        elif isinstance(value, date) and not in_range(value):
            errors[name] = [f"Give a date between {EARLIEST:%d %B %Y} and {LATEST:%d %B %Y}."]
    return errors


def check_constraints(instance):
    """The model's check constraints, checked before the database would refuse the row (a 500):
    the same refusal, as a field error where the constraint names its field."""
    for constraint in instance._meta.constraints:
        if isinstance(constraint, CheckConstraint):
            try:
                constraint.validate(type(instance), instance)
            except DjangoValidationError as exc:
                fields = sorted(
                    _fields_of(constraint.condition)
                    & {f.attname for f in instance._meta.concrete_fields}
                )
                message = exc.messages[0] if exc.messages else "This value is not allowed."
                if message.startswith("Constraint “"):
                    message = "These values are not allowed together."
                raise DjangoValidationError(
                    {fields[0] if len(fields) == 1 else NON_FIELD_ERRORS: [message]}
                ) from exc


def _fields_of(condition):
    """The field names a constraint's condition (a Q) speaks of."""
    names = set()
    for child in getattr(condition, "children", []):
        if isinstance(child, tuple):
            names.add(child[0].split("__")[0])
        else:
            names |= _fields_of(child)
    return names
