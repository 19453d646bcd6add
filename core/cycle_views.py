"""The reporting cycle's pages: what is due from a member (`/obligations/`), the secretariat's
review inbox (`/review/`), completeness (`/completeness/`), period locks (`/locks/`), the
reminders sent (`/reminders/`), evidence on records, and a user's account (`/account/`)."""

from collections import Counter, defaultdict
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View

from core import cycle, evidence, inbox, locks, registry
from core.choices import ObligationState, WorkflowStatus
from core.forms import DateInput
from core.models import (
    Member,
    PeriodLock,
    Region,
    Reminder,
    ReminderRun,
    WorkflowConflict,
)
from core.querysets import CHANGE, VIEW
from core.roles import is_council, is_secretariat, member_ids_for
from core.views import SecretariatRequiredMixin, error_messages, safe_next

STATES = ObligationState.choices

# --- what is due --------------------------------------------------------------------------------


class ObligationFilterForm(forms.Form):
    member = forms.CharField(required=False, label="Member (ISO code)")
    region = forms.ChoiceField(required=False)
    register = forms.ChoiceField(required=False)
    state = forms.MultipleChoiceField(
        required=False, choices=ObligationState.choices, widget=forms.CheckboxSelectMultiple
    )
    due_after = forms.DateField(required=False, label="Due from", widget=DateInput())
    due_before = forms.DateField(required=False, label="Due until", widget=DateInput())

    def __init__(self, *args, secretariat=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All")] + [
            (r.code, r.name) for r in Region.objects.order_by("name")
        ]
        self.fields["register"].choices = [("", "All")] + [
            (r.path, r.label_plural[:1].upper() + r.label_plural[1:])
            for r in registry.registers()
            if r.expects_records
        ]
        if not secretariat:
            del self.fields["member"]
            del self.fields["region"]


def obligation_links(obligation):
    """Where an obligation leads: its record, or the page that makes one (pre-filled)."""
    declared = obligation.register
    if obligation.record and declared.has_pages and declared.detail_page:
        return reverse(f"{declared.app_label}:{declared.url_name}_detail", args=[obligation.record])
    if declared.has_pages and declared.form is not None:
        url = reverse(f"{declared.app_label}:{declared.url_name}_create")
        query = {}
        if declared.expected_per and obligation.subject:
            query[declared.expected_per] = obligation.subject
        if obligation.period_start and declared.period is not None:
            if declared.period.kind == registry.PeriodField.YEAR:
                query[declared.period.start] = obligation.period_start.year
            else:
                query[declared.period.start] = obligation.period_start.isoformat()
                if declared.period.end:
                    query[declared.period.end] = obligation.period_end.isoformat()
        return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    return ""


class ObligationsPageView(LoginRequiredMixin, TemplateView):
    """What is due from a member administration (the user's own; the secretariat chooses), by
    when, and where each record stands: with a link to the record or to the form that makes
    it, and the not-applicable answer."""

    template_name = "core/obligations.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        secretariat = is_secretariat(user)
        own = member_ids_for(user)
        if not (secretariat or own):
            raise PermissionDenied("Only member administrations and the secretariat owe records.")
        form = ObligationFilterForm(self.request.GET or None, secretariat=secretariat)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        member_ids = sorted(own) if not secretariat else None
        if secretariat and data.get("member"):
            member = Member.objects.filter(code__iexact=data["member"]).first()
            member_ids = [member.pk] if member else []
        found = cycle.obligations(
            member_ids=member_ids,
            region=data.get("region") or None,
            register_paths=[data["register"]] if data.get("register") else None,
        )
        counts = Counter(o.state for o in found)
        states = data.get("state")
        found = [
            o
            for o in found
            if (not states or o.state in states)
            and (not data.get("due_before") or o.due_on <= data["due_before"])
            and (not data.get("due_after") or o.due_on >= data["due_after"])
        ]
        page = Paginator(found, 100).get_page(self.request.GET.get("page"))
        for obligation in page.object_list:
            obligation.link = obligation_links(obligation)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page_obj=page,
            counts=[
                (state, label, counts.get(state, 0)) for state, label in ObligationState.choices
            ],
            total=sum(counts.values()),
            query=query.urlencode(),
            secretariat=secretariat,
            members=Member.objects.filter(pk__in=own).order_by("name") if own else [],
            today=date.today(),
        )
        return context


# --- the review inbox ---------------------------------------------------------------------------


class InboxFilterForm(forms.Form):
    register = forms.ChoiceField(required=False)
    area = forms.ChoiceField(required=False)
    member = forms.CharField(required=False, label="Member (ISO code)")
    region = forms.ChoiceField(required=False)
    status = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Submitted or validated"),
            (WorkflowStatus.SUBMITTED, "Submitted"),
            (WorkflowStatus.VALIDATED, "Validated"),
        ],
    )
    flagged = forms.NullBooleanField(
        required=False,
        label="Flagged",
        widget=forms.Select(choices=[("unknown", "Any"), ("true", "Yes"), ("false", "No")]),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].choices = [("", "All")] + [
            (r.path, r.label_plural[:1].upper() + r.label_plural[1:])
            for r in inbox.review_registers()
        ]
        self.fields["area"].choices = [("", "All"), ("core", "Programme")] + [
            (code, code.capitalize()) for code in registry.AREA_CODES
        ]
        self.fields["region"].choices = [("", "All")] + [
            (r.code, r.name) for r in Region.objects.order_by("name")
        ]


class ReviewInboxView(SecretariatRequiredMixin, TemplateView):
    """Everything awaiting the secretariat, all registers together, oldest first; validate,
    publish or return (with a reason) many records at once, all or none."""

    template_name = "core/review_inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = InboxFilterForm(self.request.GET or None)
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        rows = inbox.waiting(
            self.request.user,
            area=data.get("area") or None,
            register_path=data.get("register") or None,
            member=data.get("member") or None,
            region=data.get("region") or None,
            status=data.get("status") or None,
            flagged=data.get("flagged"),
        )
        page = Paginator(rows if rows is not None else [], 100).get_page(
            self.request.GET.get("page")
        )
        items = inbox.items_of(list(page.object_list))
        for item in items:
            declared = item.register
            item.url = (
                reverse(f"{declared.app_label}:{declared.url_name}_detail", args=[item.id])
                if declared.has_pages and declared.detail_page
                else ""
            )
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(form=form, page_obj=page, items=items, query=query.urlencode())
        return context

    def post(self, request):
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "")
        chosen = []
        for value in request.POST.getlist("item"):
            path, _, pk = value.rpartition(":")
            if path and pk.isdigit():
                chosen.append({"register": path, "id": int(pk)})
        if not chosen:
            messages.error(request, "Choose the records to act on.")
        else:
            try:
                done = inbox.act_on(request.user, action, chosen, reason)
            except inbox.InboxConflict as exc:
                item = exc.item
                messages.error(
                    request,
                    f"Nothing was changed: {item['register']} #{item['id']}: {exc.error}",
                )
            except (LookupError, KeyError):
                messages.error(request, "Nothing was changed: a record chosen is no longer there.")
            except ValidationError as exc:
                error_messages(request, exc)
            else:
                word = {"validate": "Validated", "publish": "Published", "return": "Returned"}
                count = f"{len(done)} record" + ("" if len(done) == 1 else "s")
                messages.success(request, f"{word[action]}: {count}.")
        return redirect(safe_next(request, reverse("core:review")))


# --- completeness -------------------------------------------------------------------------------


class CompletenessForm(forms.Form):
    period_start = forms.DateField(required=False, label="Periods from", widget=DateInput())
    period_end = forms.DateField(required=False, label="Periods until", widget=DateInput())
    region = forms.ChoiceField(required=False)
    register = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", "All")] + [
            (r.code, r.name) for r in Region.objects.order_by("name")
        ]
        self.fields["register"].choices = [("", "All")] + [
            (r.path, r.label_plural[:1].upper() + r.label_plural[1:])
            for r in registry.registers()
            if r.expects_records
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            raise ValidationError("The periods must end after they start.")
        return cleaned


class CompletenessView(LoginRequiredMixin, UserPassesTestMixin, TemplateView):
    """How complete members' reporting is: a member x register matrix of the share of owed
    records that are published, rates per register, member and region, and who is overdue."""

    template_name = "core/completeness.html"

    def test_func(self):
        user = self.request.user
        return is_secretariat(user) or is_council(user)

    def get_context_data(self, **kwargs):
        from core.api.cycle import within

        context = super().get_context_data(**kwargs)
        today = date.today()
        default = {"period_start": date(today.year - 1, 1, 1), "period_end": today}
        form = CompletenessForm(self.request.GET or None, initial=default)
        data = form.cleaned_data if form.is_bound and form.is_valid() else default
        start, end = data.get("period_start"), data.get("period_end")
        found = [
            o for o in cycle.obligations(region=data.get("region") or None) if within(o, start, end)
        ]
        summary = cycle.completeness(found)
        declared = [r for r in registry.registers() if r.expects_records]
        cells = defaultdict(lambda: {"expected": 0, "done": 0, "overdue": 0})
        regions = defaultdict(lambda: {"expected": 0, "done": 0})
        members = {}
        for obligation in found:
            if obligation.state == ObligationState.NOT_APPLICABLE:
                continue
            cell = cells[(obligation.member.code, obligation.register.path)]
            cell["expected"] += 1
            cell["done"] += obligation.state == ObligationState.DONE
            cell["overdue"] += obligation.state == ObligationState.OVERDUE
            region = regions[obligation.member.region.name]
            region["expected"] += 1
            region["done"] += obligation.state == ObligationState.DONE
            members[obligation.member.code] = obligation.member
        rows = []
        for code in sorted(members, key=lambda c: members[c].name):
            row = []
            for r in declared:
                cell = cells.get((code, r.path))
                row.append(
                    None if cell is None else {**cell, "rate": cell["done"] / cell["expected"]}
                )
            overdue = sum(c["overdue"] for (m, _), c in cells.items() if m == code)
            rows.append((members[code], row, overdue))
        context.update(
            form=form,
            start=start,
            end=end,
            summary=summary,
            registers=declared,
            register_rates={r["register"]: r for r in summary["registers"]},
            rows=rows,
            regions=sorted(
                (name, {**v, "rate": v["done"] / v["expected"] if v["expected"] else None})
                for name, v in regions.items()
            ),
            overdue=sorted(
                [(member, late) for member, _, late in rows if late], key=lambda pair: -pair[1]
            )[:20],
        )
        return context


# --- period locks -------------------------------------------------------------------------------


class LockForm(forms.Form):
    register = forms.ChoiceField(required=False, help_text="Empty: every register.")
    period_start = forms.DateField(widget=DateInput())
    period_end = forms.DateField(widget=DateInput())
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    force = forms.BooleanField(
        required=False, label="Lock even if records of the period await review"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].choices = [("", "Every register")] + [
            (r.path, r.label_plural[:1].upper() + r.label_plural[1:])
            for r in registry.registers()
            if r.period is not None
        ]


class PeriodLockView(LoginRequiredMixin, TemplateView):
    """The locked periods, for everyone signed in; the secretariat locks and unlocks them."""

    template_name = "core/locks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["locks"] = list(
            PeriodLock.objects.for_user(self.request.user)
            .select_related("created_by", "unlocked_by")
            .order_by("-created_at")[:200]
        )
        if is_secretariat(self.request.user):
            context.setdefault("form", LockForm())
        return context

    def post(self, request):
        if not is_secretariat(request.user):
            raise PermissionDenied("Only the secretariat locks periods.")
        form = LockForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lock = locks.lock_period(
                    data["register"],
                    data["period_start"],
                    data["period_end"],
                    data["reason"],
                    request.user,
                    force=data["force"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except WorkflowConflict as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"Locked: {lock}.")
                return redirect("core:locks")
        return self.render_to_response(self.get_context_data(form=form))


class UnlockView(SecretariatRequiredMixin, View):
    def post(self, request, pk):
        lock = get_object_or_404(PeriodLock, pk=pk)
        try:
            lock.unlock(request.user, request.POST.get("reason", ""))
        except (ValidationError, WorkflowConflict) as exc:
            error_messages(request, exc)
        else:
            messages.success(request, f"Unlocked: {lock}.")
        return redirect("core:locks")


# --- reminders ----------------------------------------------------------------------------------


class ReminderListView(SecretariatRequiredMixin, TemplateView):
    """What the reminders told whom: each item, when it was sent and to how many users."""

    template_name = "core/reminders.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reminders = Reminder.objects.select_related("member").order_by("-created_at", "pk")
        member = self.request.GET.get("member", "").strip()
        if member:
            reminders = reminders.filter(member__code__iexact=member)
        context["page_obj"] = Paginator(reminders, 100).get_page(self.request.GET.get("page"))
        context["runs"] = list(ReminderRun.objects.order_by("-started_at")[:10])
        context["member"] = member
        context["query"] = f"member={member}" if member else ""
        return context


# --- evidence on records ------------------------------------------------------------------------


class EvidenceMixin:
    """The record an evidence action is about, found through its register's scoping."""

    def record(self, request, app, collection, pk, change=False):
        try:
            declared = registry.get_register(f"{app}/{collection}")
        except KeyError as exc:
            raise Http404 from exc
        if not evidence.takes_evidence(declared):
            raise Http404
        record = get_object_or_404(declared.model.objects.for_user(request.user, VIEW), pk=pk)
        if change:
            if not declared.model.objects.for_user(request.user, CHANGE).filter(pk=pk).exists():
                raise PermissionDenied("Only the record's member and the secretariat change it.")
            if hasattr(record, "is_editable_by") and not record.is_editable_by(request.user):
                raise PermissionDenied("This record may no longer change, nor its evidence.")
        return record


class EvidenceUploadForm(forms.Form):
    file = forms.FileField()
    description = forms.CharField(required=False, max_length=300)


class EvidenceAddView(LoginRequiredMixin, EvidenceMixin, View):
    def post(self, request, app, collection, pk):
        record = self.record(request, app, collection, pk, change=True)
        form = EvidenceUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            messages.error(request, "Choose a file to attach.")
        else:
            try:
                with transaction.atomic():
                    locks.check_not_locked(record)
                    added = evidence.attach(
                        record,
                        form.cleaned_data["file"],
                        form.cleaned_data["description"],
                        request.user,
                    )
            except (ValidationError, WorkflowConflict) as exc:
                error_messages(request, exc)
            else:
                messages.success(request, f"{added.name} is attached.")
        return redirect(safe_next(request, record.get_absolute_url()) + "#evidence")


class EvidenceDownloadView(EvidenceMixin, View):
    def get(self, request, app, collection, pk, evidence_id):
        record = self.record(request, app, collection, pk)
        found = get_object_or_404(evidence.evidence_of(record), pk=evidence_id)
        response = FileResponse(
            found.file.open("rb"),
            as_attachment=True,
            filename=found.name,
            content_type=found.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class EvidenceDeleteView(LoginRequiredMixin, EvidenceMixin, View):
    def post(self, request, app, collection, pk, evidence_id):
        record = self.record(request, app, collection, pk, change=True)
        found = get_object_or_404(evidence.evidence_of(record), pk=evidence_id)
        try:
            with transaction.atomic():
                locks.check_not_locked(record)
                evidence.remove(found, request.user)
        except WorkflowConflict as exc:
            error_messages(request, exc)
        else:
            messages.success(request, f"{found.name} is removed.")
        return redirect(record.get_absolute_url() + "#evidence")
