"""The browser pages of every declared register, made from its declaration: each app's
`urls.py` adds `register_urls(app_label)` to its own pages.

For a register with a page `slug` and `url_name` (e.g. `studies` and `study`):

| path                          | name               | when                                  |
|-------------------------------|--------------------|---------------------------------------|
| `studies/`                    | `study_list`       | always                                |
| `studies/new/`                | `study_create`     | it has a form                         |
| `studies/<pk>/`               | `study_detail`     | `detail_page` (the default)           |
| `studies/<pk>/edit/`          | `study_edit`       | it has a form                         |
| `studies/<pk>/access/<grant|revoke>/` | `study_access` | its records are shared by grants |
| `studies/<pk>/<action>/`      | `study_transition` | members report into it (the workflow) |

Each page is a generic view of `core.views` given the register, unless the declaration's
`views` names a class for it (a subclass of the generic one, showing more)."""

from django.urls import path

from core import registry
from core.views import (
    MemberRecordCreateView,
    MemberRecordEditView,
    ReadAccessView,
    RecordDetailView,
    RecordTransitionView,
    RegisterListView,
    SecretariatCreateView,
    SecretariatEditView,
    SharedRecordMixin,
    WorkflowDetailView,
)


def default_views(declared):
    """The generic view class of each page the register has."""
    members = declared.writers == "members"
    detail = WorkflowDetailView if declared.has_workflow and members else RecordDetailView
    if declared.shareable:
        detail = type(f"{declared.model.__name__}DetailView", (SharedRecordMixin, detail), {})
    views = {"list": RegisterListView}
    if declared.detail_page:
        views["detail"] = detail
    if declared.form is not None:
        views["create"] = MemberRecordCreateView if members else SecretariatCreateView
        views["edit"] = MemberRecordEditView if members else SecretariatEditView
    if declared.shareable:
        views["access"] = ReadAccessView
    if declared.has_workflow and members:
        views["transition"] = RecordTransitionView
    return views


def page_view(declared, view_class, page):
    """The view function of one page: the class, given the register and what it leaves open."""
    initkwargs = {"register": declared}
    if getattr(view_class, "model", None) is None and hasattr(view_class, "model"):
        initkwargs["model"] = declared.model
    if page in ("create", "edit") and getattr(view_class, "form_class", None) is None:
        initkwargs["form_class"] = declared.form
    if page == "create" and declared.initial_from_query:
        initkwargs["initial_from_query"] = declared.initial_from_query
    if page == "list" and declared.list_template:
        initkwargs["template_name"] = declared.list_template
    if page == "detail":
        if declared.detail_template:
            initkwargs["template_name"] = declared.detail_template
        if declared.context_name and getattr(view_class, "context_object_name", None) is None:
            initkwargs["context_object_name"] = declared.context_name
    return view_class.as_view(**initkwargs)


PAGES = (
    ("list", "{slug}/"),
    ("create", "{slug}/new/"),
    ("detail", "{slug}/<int:pk>/"),
    ("edit", "{slug}/<int:pk>/edit/"),
    ("access", "{slug}/<int:pk>/access/<str:action>/"),
    ("transition", "{slug}/<int:pk>/<str:action>/"),
)


def urls_of(declared):
    """The URL patterns of one register's pages."""
    views = {**default_views(declared), **declared.views}
    return [
        path(
            route.format(slug=declared.slug),
            page_view(declared, views[page], page),
            name=f"{declared.url_name}_{page}",
        )
        for page, route in PAGES
        if page in views
    ]


def register_urls(app_label):
    """The URL patterns of the pages of every register the app declares."""
    patterns = []
    for declared in registry.registers(app_label):
        if declared.has_pages:
            patterns.extend(urls_of(declared))
    return patterns
