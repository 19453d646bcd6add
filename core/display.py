"""How a record's values read to a person: labels instead of field names, names instead of
ids, choice labels instead of codes, yes/no instead of booleans."""

from datetime import date

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats

EMPTY = "–"


def label_of(model, name):
    """A field's label, capitalised (its verbose name), or the name in words."""
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        label = name.replace("_", " ")
    return label[:1].upper() + label[1:]


def display_value(record, name):
    """The value of `name` on `record` as a reader knows it, and the page it links to (or
    None): a related record by its name, a choice by its label, links as a list of names."""
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        value = getattr(record, name)
        value = value() if callable(value) else value
        return (EMPTY if value in (None, "") else value), None
    if field.many_to_many or field.one_to_many:
        names = [str(item) for item in getattr(record, name).all()]
        return (", ".join(names) or EMPTY), None
    value = getattr(record, name)
    if value is None or value == "":
        return EMPTY, None
    if field.choices:
        return getattr(record, f"get_{name}_display")(), None
    if isinstance(field, models.BooleanField):
        return ("yes" if value else "no"), None
    if isinstance(field, models.ForeignKey):
        url = value.get_absolute_url() if hasattr(value, "get_absolute_url") else None
        return value, url
    return value, None


def record_facts(record, names):
    """(name, label, value, url) for each of `names` (a field name, or a (name, label) pair for
    a value the model computes), to show on the record's page."""
    facts = []
    for spec in names:
        name, label = (spec, None) if isinstance(spec, str) else spec
        value, url = display_value(record, name)
        if isinstance(value, date):
            value = formats.date_format(value, "DATE_FORMAT")
        facts.append((name, label or label_of(type(record), name), value, url))
    return facts
