"""Named queries of the capacity-building registers."""

from django.db.models import Q

from core.querysets import VIEW, ReferenceQuerySet, ScopedQuerySet


class ProjectQuerySet(ReferenceQuerySet):
    """Projects are public programme data: everyone reads them, the secretariat writes them."""

    def active_on(self, day):
        """Projects running on `day` (a pipeline project never ran)."""
        return self.active_between(day, day)

    def active_between(self, start, end):
        """Projects that ran on at least one day of [start, end]."""
        return self.filter(
            Q(status="active", start__lte=end) & (Q(end__isnull=True) | Q(end__gte=start))
            | Q(status="closed", start__lte=end, end__gte=start)
        )

    def ended_by(self, day):
        """Projects under way or over whose end date came by `day`: the ones due an evaluation."""
        return self.filter(status__in=["active", "closed"], end__lte=day)


class RecommendationQuerySet(ScopedQuerySet):
    """A recommendation is read by whoever may read its mission (whose findings may be
    restricted and shared by grants); it is changed by its member (its follow-up) and the
    secretariat."""

    def for_user(self, user, action=VIEW):
        missions = self.model._meta.get_field("mission").related_model.objects.for_user(user, VIEW)
        readable = self.filter(mission__in=missions.values("pk"))
        if action == VIEW:
            return readable
        return readable & super().for_user(user, action)

    def due_by(self, day):
        """Recommendations whose due date came by `day`, from missions begun by then, except
        those dropped (no longer asked of the member)."""
        return self.filter(due__lte=day, mission__start__lte=day).exclude(follow_up="dropped")

    def done_by(self, day):
        return self.filter(follow_up="done", done_on__lte=day)

    def open_on(self, day):
        """Recommendations made by `day` (their mission had begun) and not done or dropped by
        then: open or in progress now, or done after `day`."""
        return self.filter(mission__start__lte=day).filter(
            Q(follow_up__in=["open", "in_progress"]) | Q(follow_up="done", done_on__gt=day)
        )

    def overdue(self, day):
        """Open on `day` (not done or dropped by then) and past their due date."""
        return self.open_on(day).filter(due__lt=day)
