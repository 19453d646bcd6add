"""A register's list as a table (django-tables2): its columns come from the register's
declaration, so every list sorts by its columns, links to its records and shows names and
labels instead of ids and codes, in one template (`templates/table.html`).

A declared column is a field name, which gets the column its field calls for (a member by name
and code, a workflow status as a badge, a choice by its label, links as a list), or a
`(name, column)` pair for anything else (a computed value, a template)."""

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.utils.html import format_html

PER_PAGE = 50
MAX_PER_PAGE = 500


class MemberColumn(tables.Column):
    """A member administration by name, with its ISO code, linked to its page (or, as a list's
    first column, to the record)."""

    def __init__(self, links_record=False, **kwargs):
        kwargs.setdefault("order_by", ("member__name",))
        self.links_record = links_record
        super().__init__(**kwargs)

    def render(self, value, record):
        url = record.get_absolute_url() if self.links_record else value.get_absolute_url()
        return format_html(
            '<a href="{}">{}</a> <span class="muted">{}</span>', url, value.name, value.code
        )

    def value(self, value):
        return value.code


class StatusColumn(tables.Column):
    """A workflow status as a badge with its label."""

    def render(self, record, bound_column):
        # The value django-tables2 passes is the choice's label; the badge's colour needs the
        # choice itself.
        name = str(bound_column.accessor)
        return format_html(
            '<span class="badge {}">{}</span>',
            getattr(record, name),
            getattr(record, f"get_{name}_display")(),
        )


class YesNoColumn(tables.BooleanColumn):
    """A yes/no fact in words (django-tables2's default is a tick)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("yesno", "yes,no")
        super().__init__(**kwargs)


def record_link(record):
    """Where a list's first column leads: the record's page (for a declared column's
    `linkify=`)."""
    return record.get_absolute_url()


class RecordColumn(tables.Column):
    """The record itself, as its name says it, linked to its page."""

    def __init__(self, **kwargs):
        kwargs.setdefault("accessor", "pk")
        kwargs.setdefault("orderable", False)
        super().__init__(**kwargs)

    def render(self, record):
        return str(record)


def field_at(model, name):
    """The model field a declared name (`member__region` follows a relation) ends on."""
    *path, last = name.split("__")
    for step in path:
        model = model._meta.get_field(step).related_model
    return model._meta.get_field(last)


def column_for(declared, name, first):
    """The column a declared field name calls for."""
    link = record_link if first and declared.detail_page else None
    try:
        field = field_at(declared.model, name)
    except FieldDoesNotExist:
        return tables.Column(linkify=link, orderable=False)
    label = str(getattr(field, "verbose_name", name))
    label = label[:1].upper() + label[1:]
    if "__" in name:
        # A related record's field: shown by its name, sorted by it.
        target = field.related_model
        if target is not None and hasattr(target, "name"):
            return tables.Column(
                verbose_name=label, accessor=f"{name}__name", order_by=(f"{name}__name",)
            )
        return tables.Column(verbose_name=label, accessor=name, order_by=(name,))
    model = declared.model
    if field.many_to_many or field.one_to_many:
        return tables.ManyToManyColumn(verbose_name=label, orderable=False)
    if isinstance(field, models.ForeignKey) and field.related_model._meta.label == "core.Member":
        return MemberColumn(
            verbose_name=label, order_by=(f"{name}__name",), links_record=link is not None
        )
    if name == "status" and hasattr(model, "TRANSITIONS"):
        return StatusColumn(verbose_name=label, linkify=link)
    if isinstance(field, models.BooleanField):
        return YesNoColumn(verbose_name=label)
    return tables.Column(verbose_name=label, linkify=link)


_tables = {}
EDIT_LINK = '{% if is_secretariat %}<a href="{% url edit_url record.pk %}">Edit</a>{% endif %}'


def table_class(declared):
    """The table class of a register, built once from its declared columns."""
    if declared.path not in _tables:
        columns = {}
        for position, spec in enumerate(declared.columns or ("__str__",)):
            name, column = (spec, None) if isinstance(spec, str) else spec
            if name == "__str__":
                column = RecordColumn(
                    verbose_name=declared.label[:1].upper() + declared.label[1:],
                    linkify=record_link if declared.detail_page else None,
                )
                name = "record"
            columns[name] = column or column_for(declared, name, first=position == 0)
        if not declared.detail_page and (declared.form is not None or "edit" in declared.views):
            # Records without a page of their own are edited from their list.
            columns["edit"] = tables.TemplateColumn(
                EDIT_LINK, verbose_name="", orderable=False, exclude_from_export=True
            )
        meta = type(
            "Meta",
            (),
            {
                "model": declared.model,
                "fields": (),
                "template_name": "table.html",
                # The declared order (django-tables2 would order columns made apart by when
                # they were made).
                "sequence": tuple(columns),
                "empty_text": f"No {declared.label_plural} match.",
                "attrs": {"class": "register"},
            },
        )
        _tables[declared.path] = type(
            f"{declared.model.__name__}Table", (tables.Table,), {**columns, "Meta": meta}
        )
    return _tables[declared.path]


def per_page(request):
    """Rows a page: `?per_page=` within 1..500, 50 otherwise."""
    try:
        wanted = int(request.GET.get("per_page", PER_PAGE))
    except ValueError:
        return PER_PAGE
    return min(max(wanted, 1), MAX_PER_PAGE)


def table_for(declared, queryset, request):
    """The register's table of `queryset`, sorted (`?sort=`, an unknown column ignored) and
    paginated (`?page=`: past the last page, the last; not a number, the first)."""
    table = table_class(declared)(queryset, request=request)
    tables.RequestConfig(request, paginate=False).configure(table)
    table.paginate(per_page=per_page(request), page=1)
    try:
        table.page = table.paginator.page(int(request.GET.get("page", 1)))
    except (ValueError, PageNotAnInteger):
        pass
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    return table
