"""Showing an audited value in the history table."""

from django import template

register = template.Library()


@register.filter
def audited(value):
    """A field's value as of a history row: "–" for none, a many-to-many field's links listed."""
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return value
