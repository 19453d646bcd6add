from django.db import models
from django.db.models import Q

from core.roles import is_council, is_secretariat
from reports.choices import Audience, ReportStatus


class ReportQuerySet(models.QuerySet):
    def for_user(self, user, action="view"):
        """The secretariat and council read every report; others the public ones. Only the
        secretariat asks for or changes reports."""
        if is_secretariat(user):
            return self
        if action != "view":
            return self.none()
        if is_council(user):
            return self
        return self.filter(Q(schedule__audience=Audience.PUBLIC))

    def stuck(self, before):
        """Reports claimed by a worker that has not finished them in time (it died)."""
        return self.filter(status=ReportStatus.RUNNING, started_at__lt=before)


class ScheduleQuerySet(models.QuerySet):
    def for_user(self, user, action="view"):
        if is_secretariat(user) or (action == "view" and is_council(user)):
            return self
        if action != "view":
            return self.none()
        return self.filter(audience=Audience.PUBLIC)
