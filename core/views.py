"""Thin browser views: a permission mixin, a scoped queryset, a template."""

from collections import Counter

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import (
    CreateView,
    DetailView,
    ListView,
    TemplateView,
    UpdateView,
    View,
)

from core import cycle, inbox, quality
from core.audit import history_for
from core.charts import bar_chart, line_chart
from core.choices import ObligationState
from core.display import record_facts
from core.evidence import evidence_of, takes_evidence
from core.filtersets import MemberFilterSet, plain_filterset
from core.forms import GrantForm
from core.grants import grant, may_share, names_staff, readers, revoke, staff_readers
from core.models import Commitment, Measurement, Member, Region, WorkflowConflict
from core.progress import ProgrammeSnapshot, indicator_series
from core.querysets import CHANGE, VIEW
from core.registry import AREA_CODES
from core.roles import acts_for_record, is_secretariat, member_ids_for
from core.tables import table_for


class SecretariatRequiredMixin(UserPassesTestMixin):
    def test_func(self):
        return is_secretariat(self.request.user)


class ScopedMixin:
    """List and detail views see only what the user may read: one filter, in the database."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user, VIEW)


DUE_STATES = {ObligationState.OVERDUE, ObligationState.RETURNED, ObligationState.OPEN}


class DashboardView(TemplateView):
    """The programme at a glance: five areas, fourteen commitments, status and progress."""

    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        snapshot = ProgrammeSnapshot()
        context = super().get_context_data(**kwargs)
        context["snapshot"] = snapshot
        context["status_counts"] = snapshot.status_counts()
        context["overall_progress"] = snapshot.overall_progress()
        context["areas_chart"] = bar_chart(
            [(a.area.title, a.progress, "on_track") for a in snapshot.area_states],
            title="Progress by strategic area",
        )
        user = self.request.user
        if is_secretariat(user):
            rows = inbox.waiting(user)
            context["awaiting_review"] = rows.count() if rows is not None else 0
        elif member_ids_for(user):
            # A member's user is led by what its administration owes.
            owed = cycle.obligations(member_ids=sorted(member_ids_for(user)))
            pending = [o for o in owed if o.state in DUE_STATES]
            context["owed"] = pending[:8]
            counts = Counter(o.state for o in pending)
            context["owed_counts"] = [
                (state, label, counts[state])
                for state, label in ObligationState.choices
                if counts[state]
            ]
        return context


class CommitmentDetailView(DetailView):
    model = Commitment
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "core/commitment_detail.html"
    queryset = Commitment.objects.select_related("area")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        snapshot = ProgrammeSnapshot(commitments=[self.object])
        state = snapshot.for_commitment(self.object)
        series = indicator_series([s.indicator for s in state.indicators])
        context["state"] = state
        context["milestones"] = list(self.object.milestones.all())
        context["indicators"] = [
            {
                "state": s,
                "chart": line_chart(
                    series.get(s.indicator.pk, []),
                    title=f"{s.indicator.code}: {s.indicator.name}",
                    unit=s.indicator.unit,
                    baseline=s.indicator.baseline_value,
                    target=s.indicator.target_value,
                ),
            }
            for s in state.indicators
        ]
        return context


class MemberListView(ScopedMixin, ListView):
    model = Member
    paginate_by = 50
    template_name = "core/member_list.html"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("region").order_by("name")
        self.filterset = MemberFilterSet(self.request.GET, queryset=queryset)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filterset"] = self.filterset
        context["region_counts"] = (
            Member.objects.filter(is_active=True)
            .values("region__code", "region__name")
            .annotate(count=Count("id"))
            .order_by("region__name")
        )
        return context


class MemberDetailView(ScopedMixin, DetailView):
    model = Member
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "core/member_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["measurements"] = (
            Measurement.objects.for_user(self.request.user)
            .filter(member=self.object)
            .select_related("indicator")[:40]
        )
        return context


class RecordHistoryView(TemplateView):
    """The audit trail of any record the user may read: who changed what, when, old -> new."""

    template_name = "core/history.html"

    def get_context_data(self, app_label, model_name, pk, **kwargs):
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError as exc:
            raise Http404 from exc
        if not hasattr(model, "history") or not hasattr(model.objects, "for_user"):
            raise Http404
        record = get_object_or_404(model.objects.for_user(self.request.user), pk=pk)
        context = super().get_context_data(**kwargs)
        context["record"] = record
        context["verbose_name"] = model._meta.verbose_name
        context["history"] = history_for(record, self.request.user)
        return context


# --- the registers' pages, built from their declarations --------------------------------------
#
# `core.pages` makes each declared register's pages from these views, passing the register;
# a register that shows more names a subclass in its declaration's `views`. URL names follow
# `<app>:<url_name>_<page>`; an app's sub-navigation is `<app>/_area_links.html`.


def error_messages(request, exc):
    """A refused action, as messages on the next page."""
    if isinstance(exc, ValidationError):
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(exc))


def safe_next(request, default):
    """Where to go after a POST action: the page it came from, if it is on this site."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def region_choices():
    return [(r.code, r.name) for r in Region.objects.order_by("name")]


def commitment_choices():
    return list(
        Commitment.objects.order_by("area__position", "position", "code").values_list(
            "code", "code"
        )
    )


# Filters named by what a reader looks for, in every register.
FILTER_LABELS = {
    "commitment": "Commitment",
    "member": "Member (ISO code)",
    "region": "Region",
    "status": "Status",
    "submission_status": "Review status",
    "confidentiality": "Confidentiality",
}
# Filters typed as codes that get a list to choose from instead (one query each, when shown).
FILTER_LISTS = {"region": region_choices, "commitment": commitment_choices}
BOUND_WORDS = {"after": "from", "from": "from", "before": "until", "to": "until"}


def friendly_filters(form, labels=None, hidden=(), lists=None):
    """Friendlier widgets on a shared filterset's form: date pickers, check boxes, yes/no/any
    lists, and lists of regions and commitments (and the register's `lists`: name -> function
    returning choices) instead of codes to type. Ids used by links travel as `hidden` fields."""
    labels = {**FILTER_LABELS, **(labels or {})}
    lists = {**FILTER_LISTS, **(lists or {})}
    for name, field in form.fields.items():
        stem, _, bound = name.rpartition("_")
        if name in labels:
            form[name].label = labels[name]
        elif stem and bound in BOUND_WORDS:
            form[name].label = f"{stem.replace('_', ' ').capitalize()} {BOUND_WORDS[bound]}"
        if name in hidden:
            field.widget = forms.HiddenInput()
        elif isinstance(field, forms.DateField):
            field.widget.input_type = "date"
        elif isinstance(field, forms.MultipleChoiceField):
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        elif isinstance(field, forms.NullBooleanField):
            field.widget.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]
        elif name in lists and isinstance(field.widget, (forms.TextInput, forms.NumberInput)):
            field.widget = forms.Select(choices=[("", "All"), *lists[name]()])
    return form


def records_of(view, user):
    """What a register page's action may reach: the records the user reads, with what the
    page needs fetched alongside."""
    if view.register is not None:
        return view.register.base_queryset().for_user(user, VIEW)
    return view.model.objects.for_user(user, VIEW).select_related(*view.related)


class RegisterPageMixin:
    """A page of a declared register (`register`): its model, queryset and URL names come from
    the declaration. `page_url(name)` is the URL name of one of its other pages."""

    register = None

    def get_queryset(self):
        if self.register is not None and self.queryset is None:
            return self.register.base_queryset()
        return super().get_queryset()

    def page_url(self, page):
        declared = self.register
        return f"{declared.app_label}:{declared.url_name}_{page}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declared = self.register
        if declared is not None:
            context["register"] = declared
            if declared.area:
                context["area_links"] = f"{declared.app_label}/_area_links.html"
            context["list_url"] = self.page_url("list")
            context["create_url"] = self.page_url("create")
            context["edit_url"] = self.page_url("edit")
            context["transition_url"] = self.page_url("transition")
            context["access_url"] = self.page_url("access")
        return context


def may_create(user, declared):
    """Whether the user gets a register's "New" button: members' registers take records from
    member users and the secretariat, the others from the secretariat only."""
    if declared.form is None and "create" not in declared.views:
        return False
    if declared.writers == "members":
        return is_secretariat(user) or bool(member_ids_for(user))
    return declared.writers == "secretariat" and is_secretariat(user)


class RegisterListView(ScopedMixin, RegisterPageMixin, ListView):
    """A register's list: scoped, filtered by the filterset the API shares, searched with `q`,
    sorted by its columns and paginated, as a table of the declared columns. The declaration's
    `search` fields serve `q` when the filterset has no search of its own; `filter_labels`,
    `hidden_filters` and `filter_lists` tune its form (`friendly_filters`). `with_related`
    fetches what the rows show beyond the declaration, so a page costs the same number of
    queries whatever its length.

    (Until every app declares its registers, a view without `register` names its filterset,
    search, filter tuning and template itself, and pages with `paginate_by`.)"""

    template_name = "register_list.html"
    filterset_class = None
    search_fields = ()
    filter_labels = {}
    hidden_filters = ()
    filter_lists = {}

    def get_paginate_by(self, queryset):
        return None if self.register is not None else 50

    def declared(self, name, legacy):
        return getattr(self.register, name) if self.register is not None else getattr(self, legacy)

    def get_queryset(self):
        queryset = self.with_related(super().get_queryset())
        filterset_class = self.declared("filterset", "filterset_class") or plain_filterset(
            self.model
        )
        self.filterset = filterset_class(self.request.GET, queryset=queryset, request=self.request)
        queryset = self.filterset.qs
        search = self.request.GET.get("q", "").strip()
        search_fields = self.declared("search", "search_fields")
        if search and "q" not in self.filterset.filters and search_fields:
            condition = Q()
            for field in search_fields:
                condition |= Q(**{f"{field}__icontains": search})
            queryset = queryset.filter(condition)
        if not queryset.ordered:
            # Aggregating annotations drop Meta.ordering: pages need a stable order.
            queryset = queryset.order_by(*self.model._meta.ordering, "pk")
        return queryset

    def with_related(self, queryset):
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declared = self.register
        if declared is not None:
            table = table_for(declared, self.object_list, self.request)
            context["table"] = table
            context["page_obj"] = table.page
            context["may_create"] = may_create(self.request.user, declared)
            context["export_url"] = f"/api/v1/{declared.path}/export/" if declared.exports else ""
        context["filterset"] = self.filterset
        friendly_filters(
            self.filterset.form,
            labels=self.declared("filter_labels", "filter_labels"),
            hidden=self.declared("hidden_filters", "hidden_filters"),
            lists=self.declared("filter_lists", "filter_lists"),
        )
        context["search"] = self.request.GET.get("q", "")
        query = self.request.GET.copy()
        for name in ("page", "sort"):
            query.pop(name, None)
        context["query"] = query.urlencode()
        return context


def may_change(user, record):
    """Whether the user may change a record it reads (no query for a member's record: the roles
    are cached): the secretariat anything not yet published, a member its own records while they
    may change."""
    if hasattr(record, "is_editable_by") and not record.is_editable_by(user):
        return False
    if is_secretariat(user):
        return True
    if hasattr(record, "submitted_by"):
        return record.submitted_by(user)
    if hasattr(record, "member_id"):
        return acts_for_record(user, record)
    # A record of several parties says who may change it through its register's scoping.
    return type(record).objects.for_user(user, CHANGE).filter(pk=record.pk).exists()


class RecordDetailView(ScopedMixin, RegisterPageMixin, DetailView):
    """A record the user may read (404 otherwise): its facts, its actions and its audit
    history. `facts` are the declared fields' labels and values as a reader knows them."""

    template_name = "register_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = history_for(self.object, self.request.user)
        if self.register is not None:
            context["facts"] = record_facts(self.object, self.register.facts)
            if takes_evidence(self.register):
                user, record = self.request.user, self.object
                context["evidence"] = list(evidence_of(record))
                context["may_change_evidence"] = may_change(user, record)
            if self.register.quality_value:
                context["flags"] = quality.flags_of(self.register.path, [self.object.pk]).get(
                    self.object.pk, []
                )
            declared = self.register
            context["may_change"] = (
                declared.writers == "secretariat"
                and (declared.form is not None or "edit" in declared.views)
                and is_secretariat(self.request.user)
            )
        return context


class WorkflowDetailView(RecordDetailView):
    """A member's submission: `may_edit` and `may_submit` say which buttons the user gets; the
    secretariat's validate, return and publish follow the status."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, record = self.request.user, self.object
        own = acts_for_record(user, record)
        context["workflow"] = True
        context["may_edit"] = own and record.is_editable_by(user)
        context["may_submit"] = own and record.status in record.EDITABLE_BY_MEMBER
        return context


class RecordFormMixin(RegisterPageMixin):
    """Create or edit a record: the model's rules run in the form, the change is saved in one
    transaction with its author, and the user's scope is checked again after saving (docs:
    architecture, "writes"). Cancel goes back to the record, or to the list for a new one."""

    template_name = "record_form.html"
    list_url_name = None

    def form_valid(self, form):
        user = self.request.user
        try:
            with transaction.atomic():
                form.instance.stamp(user)
                self.object = form.save()
                model = type(self.object)
                if not model.objects.for_user(user, CHANGE).filter(pk=self.object.pk).exists():
                    raise PermissionDenied("This change is outside what you may record.")
        except IntegrityError:
            # A concurrent write got there first (e.g. an overlapping mandate of the position).
            form.add_error(None, "This conflicts with a record saved meanwhile; check and retry.")
            return self.form_invalid(form)
        except WorkflowConflict as exc:
            # A locked period, or a record whose state changed meanwhile.
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, f"{self.object._meta.verbose_name.capitalize()} saved.")
        return redirect(self.success_url_for(self.object))

    def success_url_for(self, record):
        if self.register is not None and not self.register.detail_page:
            return reverse(self.page_url("list"))
        return record.get_absolute_url()

    def list_url(self):
        if self.register is not None:
            return reverse(self.page_url("list"))
        return reverse(f"{self.model._meta.app_label}:{self.list_url_name}")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        app_label = self.model._meta.app_label
        context["verbose_name"] = self.model._meta.verbose_name
        if app_label in AREA_CODES:
            context["area_links"] = f"{app_label}/_area_links.html"
        record = getattr(self, "object", None)
        context["cancel_url"] = (
            self.success_url_for(record) if record is not None else self.list_url()
        )
        return context


class SecretariatCreateView(SecretariatRequiredMixin, RecordFormMixin, CreateView):
    """Only the secretariat records reference registers; `?field=value` pre-fills the form."""

    initial_from_query = ()

    def get_initial(self):
        initial = super().get_initial()
        for field in self.initial_from_query:
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial


class SecretariatEditView(SecretariatRequiredMixin, RecordFormMixin, UpdateView):
    def get_queryset(self):
        return self.model.objects.for_user(self.request.user, CHANGE)


class MemberRecordCreateView(LoginRequiredMixin, RecordFormMixin, CreateView):
    """A member user reports for its administration (the secretariat may record for any
    member); council users only read. The form is a `core.forms.MemberRecordForm`;
    `?field=value` pre-fills it."""

    refusal = ""
    initial_from_query = ()

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and not (is_secretariat(user) or member_ids_for(user)):
            raise PermissionDenied(
                self.refusal
                or f"Only a member administration reports {self.model._meta.verbose_name_plural}."
            )
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        user = self.request.user
        if is_secretariat(user):
            kwargs["members"] = Member.objects.filter(is_active=True)
        else:
            own = member_ids_for(user)
            if len(own) == 1:
                kwargs["member"] = Member.objects.get(pk=next(iter(own)))
            else:
                kwargs["members"] = Member.objects.filter(pk__in=own)
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        for field in self.initial_from_query:
            if self.request.GET.get(field):
                initial[field] = self.request.GET[field]
        return initial


class MemberRecordEditView(LoginRequiredMixin, RecordFormMixin, UpdateView):
    """Its member edits a draft or returned record; the secretariat anything unpublished.
    Another member's record is 404 unless the user may read it (then 403)."""

    related = ()

    def get_object(self, queryset=None):
        user = self.request.user
        record = get_object_or_404(records_of(self, user), pk=self.kwargs["pk"])
        if not acts_for_record(user, record):
            raise PermissionDenied("Only the record's own member may change it.")
        if not record.is_editable_by(user):
            raise PermissionDenied(
                f"A {record.get_status_display().lower()} "
                f"{record._meta.verbose_name} cannot be changed."
            )
        return record


class SharedRecordMixin:
    """A detail page of a restricted or confidential record: its member and the secretariat
    see who else may read it (members granted; secretariat staff named on a confidential record)
    and grant or revoke that (`ReadAccessView`)."""

    access_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.object
        context["may_grant"] = may_share(self.request.user, record)
        if context["may_grant"]:
            model = type(record)
            context["access"] = self.access_url_name or context.get("access_url")
            context["owners"] = record.member.name if hasattr(record, "member") else "its parties"
            context["shares_with_members"] = hasattr(model, "read_grants")
            context["member_readers"] = readers(record)
            # Named staff matter only where the secretariat reads no more than that.
            context["names_staff"] = names_staff(record)
            context["staff_readers"] = staff_readers(record) if context["names_staff"] else []
            context["grant_form"] = GrantForm()
        return context


class ReadAccessView(RegisterPageMixin, LoginRequiredMixin, View):
    """POST `grant` or `revoke` (rules in `core.grants`): out of the user's sight, 404; seen but
    not the user's to share, 403; a bad choice comes back as a message on the record's page."""

    ACTIONS = {"grant": grant, "revoke": revoke}
    model = None
    related = ()

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        user = request.user
        record = get_object_or_404(records_of(self, user), pk=pk)
        if not may_share(user, record):
            raise PermissionDenied("Only the record's member and the secretariat share it.")
        form = GrantForm(request.POST)
        default = record.get_absolute_url()
        if not form.is_valid():
            messages.error(
                request,
                " ".join(form.errors.get("__all__", []))
                or "Choose the member or secretariat user to grant or revoke.",
            )
            return redirect(safe_next(request, default))
        member, staff = form.cleaned_data["member"], form.cleaned_data["staff"]
        try:
            with transaction.atomic():
                self.ACTIONS[action](record, member=member, staff=staff)
        except ValidationError as exc:
            error_messages(request, exc)
        else:
            who = member.name if member else staff.username
            may = "may now" if action == "grant" else "may no longer"
            messages.success(request, f"{who} {may} read {record}.")
        if action == "revoke" and staff == user:
            # Whoever revokes their own access no longer sees the record.
            return redirect(reverse("core:dashboard"))
        return redirect(safe_next(request, default))


class RecordTransitionView(RegisterPageMixin, View):
    """POST a workflow action on a member's submission: submit (its member), validate, return
    with a reason, publish (the secretariat). Out of the user's sight: 404."""

    ACTIONS = {"submit", "validate", "publish", "return"}
    model = None
    related = ()

    def post(self, request, pk, action):
        if action not in self.ACTIONS or not request.user.is_authenticated:
            raise Http404
        record = get_object_or_404(records_of(self, request.user), pk=pk)
        try:
            with transaction.atomic():
                record.transition(action, request.user, reason=request.POST.get("reason", ""))
        except (WorkflowConflict, PermissionDenied, ValidationError) as exc:
            error_messages(request, exc)
        else:
            messages.success(request, f"{record}: {record.get_status_display().lower()}.")
        return redirect(safe_next(request, record.get_absolute_url()))
