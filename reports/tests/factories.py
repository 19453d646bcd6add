import factory

from reports.choices import Audience
from reports.models import ReportSchedule


class ReportScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSchedule

    name = factory.Sequence(lambda n: f"Report series {n}")
    audience = Audience.COUNCIL
