"""The facilitation registers, declared once: the TFA's measures and members' notifications of
them, release-time studies, the E-Commerce Framework of Standards and members' adoption of it,
joint activities with the WTO and other organisations, and customs revenue.

Members report their notifications, studies, adoptions and revenue; the secretariat keeps the
measures, the standards and the joint activities."""

import django_tables2 as tables

from core.choices import ReportingFrequency
from core.registry import Register, calendar_year, register
from facilitation import views
from facilitation.api.serializers import (
    EcommerceAdoptionSerializer,
    EcommerceStandardSerializer,
    JointActivitySerializer,
    ReleaseTimeStudySerializer,
    RevenueReportSerializer,
    TFAMeasureSerializer,
    TFANotificationSerializer,
)
from facilitation.api.views import EcommerceStandardViewSet, TFAMeasureViewSet
from facilitation.filtersets import (
    EcommerceAdoptionFilterSet,
    EcommerceStandardFilterSet,
    JointActivityFilterSet,
    ReleaseTimeStudyFilterSet,
    RevenueReportFilterSet,
    TFAMeasureFilterSet,
    TFANotificationFilterSet,
)
from facilitation.forms import (
    EcommerceAdoptionForm,
    EcommerceStandardForm,
    JointActivityForm,
    ReleaseTimeStudyForm,
    RevenueReportForm,
    TFANotificationForm,
)
from facilitation.models import (
    EcommerceAdoption,
    EcommerceStandard,
    JointActivity,
    ReleaseTimeStudy,
    RevenueReport,
    TFAMeasure,
    TFANotification,
)


def measure_choices():
    return [
        (code, f"{code} {title}")
        for code, title in TFAMeasure.objects.order_by("position", "code").values_list(
            "code", "title"
        )
    ]


def standard_choices():
    return [
        (number, f"{number}. {title}")
        for number, title in EcommerceStandard.objects.order_by("number").values_list(
            "number", "title"
        )
    ]


# The facilitation registers' filters, named for what a reader looks for; measures and standards
# are chosen from a list rather than typed as codes.
FILTERS = {
    "filter_labels": {
        "adoption_status": "Adoption",
        "article": "Article",
        "category": "Category",
        "implemented": "Implemented",
        "kind": "Kind",
        "measure": "Measure",
        "mode": "Border mode",
        "partner": "Partner",
        "principle": "Principle",
        "standard": "Standard",
        "year": "Year",
    },
    "filter_lists": {"measure": measure_choices, "standard": standard_choices},
}
MEMBER_SEARCH = ("member__name", "member__code")

# A measure by its code, as text ("7.4", never a number), then its title; sorted in the
# Agreement's order, where 10.4 comes after 7.4.
MEASURE_CELL = '{{ record.measure.code }} <span class="muted">{{ record.measure.title }}</span>'
CATEGORY_CELL = (
    '<span class="badge category-{{ record.category|lower }}">{{ record.category }}</span>'
    '{% if record.assistance_needed %} <span class="muted">assistance</span>{% endif %}'
)
STANDARD_CELL = (
    '{{ record.standard.number }}. <span class="muted">{{ record.standard.title }}</span>'
)
# An adoption that refers to an older version of its standard says so.
VERSION_CELL = (
    "{{ record.version }}{% if not record.is_current %} "
    '<span class="badge at_risk">older than {{ record.standard.version }}</span>{% endif %}'
)
# A standard's published adoptions, counted by `views.StandardListView`, link to their list.
FULLY_CELL = (
    "<a href=\"{% url 'facilitation:adoption_list' %}?standard={{ record.number }}"
    '&amp;adoption_status=fully&amp;status=published">{{ record.fully }}</a>'
)
BEHIND_CELL = (
    "{% if record.behind %}<a href=\"{% url 'facilitation:adoption_list' %}"
    '?standard={{ record.number }}&amp;behind=true&amp;status=published">{{ record.behind }}</a>'
    "{% else %}0{% endif %}"
)


def figure(template_filter="number", **kwargs):
    """A figure, right-aligned and written as the area's pages write figures (1,000,000; 48;
    5%), under its field's label."""
    return tables.TemplateColumn(
        f"{{% load report_tags %}}{{{{ value|{template_filter} }}}}",
        attrs={"th": {"class": "num"}, "td": {"class": "num"}},
        **kwargs,
    )


register(
    Register(
        path="facilitation/tfa-measures",
        model=TFAMeasure,
        description="The 36 measures of Section I of the WTO Trade Facilitation Agreement, "
        "by code (e.g. 7.4, risk management).",
        serializer=TFAMeasureSerializer,
        filterset=TFAMeasureFilterSet,
        viewset=TFAMeasureViewSet,
        ordering=("position",),
        # By code (`tfa-measures/7.4/`); the viewset says so too, with the pattern a dotted code
        # needs in the URL.
        lookup_field="code",
    )
)

register(
    Register(
        path="facilitation/tfa-notifications",
        model=TFANotification,
        description="Members' notifications of their commitments on the measures of the Trade "
        "Facilitation Agreement: the category of each measure and the dates by which they "
        "implement it.",
        members_report=True,
        frequency=ReportingFrequency.ONCE,
        expected_per="measure",
        csv_key=("member", "measure"),
        serializer=TFANotificationSerializer,
        filterset=TFANotificationFilterSet,
        select_related=("member__region", "measure"),
        ordering=("member__code", "measure__position"),
        slug="notifications",
        url_name="notification",
        form=TFANotificationForm,
        columns=(
            "member",
            "member__region",
            (
                "measure",
                tables.TemplateColumn(
                    MEASURE_CELL, verbose_name="Measure", order_by=("measure__position",)
                ),
            ),
            ("category", tables.TemplateColumn(CATEGORY_CELL, verbose_name="Category")),
            "indicative_date",
            "definitive_date",
            "implemented_on",
            (
                "effective_date",
                tables.Column(
                    verbose_name="Counts as implemented from", orderable=False, default="unknown"
                ),
            ),
            "status",
        ),
        search=(*MEMBER_SEARCH, "measure__title", "assistance_needed"),
        facts=(
            "member",
            "measure",
            "category",
            "indicative_date",
            "definitive_date",
            "implemented_on",
            "assistance_needed",
            "status",
        ),
        detail_template="facilitation/notification_detail.html",
        views={"create": views.NotificationCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="facilitation/release-time-studies",
        model=ReleaseTimeStudy,
        description="Members' time release studies: the average time from the arrival of goods "
        "to their release, by year and border mode.",
        members_report=True,
        frequency=ReportingFrequency.ANNUAL,
        period=calendar_year("year"),
        csv_key=("member", "year", "mode"),
        serializer=ReleaseTimeStudySerializer,
        quality_value="average_release_hours",
        quality_series=("mode",),
        filterset=ReleaseTimeStudyFilterSet,
        select_related=("member__region",),
        ordering=("member__code", "mode", "year"),
        slug="studies",
        url_name="study",
        form=ReleaseTimeStudyForm,
        columns=(
            "member",
            "member__region",
            "year",
            "mode",
            ("average_release_hours", figure()),
            ("sample_size", figure()),
            "status",
        ),
        search=MEMBER_SEARCH,
        facts=("member", "year", "mode", "average_release_hours", "sample_size", "status"),
        detail_template="facilitation/study_detail.html",
        views={"detail": views.StudyDetailView, "create": views.StudyCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="facilitation/ecommerce-standards",
        model=EcommerceStandard,
        description="The WCO Framework of Standards on Cross-Border E-Commerce. The framework "
        "is dynamic: the secretariat revises a standard by giving it a new version; members' "
        "adoptions keep the version they refer to.",
        serializer=EcommerceStandardSerializer,
        filterset=EcommerceStandardFilterSet,
        viewset=EcommerceStandardViewSet,
        ordering=("number",),
        slug="standards",
        url_name="standard",
        form=EcommerceStandardForm,
        columns=(
            "__str__",
            "principle",
            "since",
            "version",
            "revised_on",
            (
                "fully",
                tables.TemplateColumn(FULLY_CELL, verbose_name="Members fully adopting"),
            ),
            ("behind", tables.TemplateColumn(BEHIND_CELL, verbose_name="On an older version")),
        ),
        facts=("principle", "since", "version", "revised_on"),
        detail_template="facilitation/standard_detail.html",
        views={"list": views.StandardListView, "detail": views.StandardDetailView},
        **FILTERS,
    )
)

register(
    Register(
        path="facilitation/ecommerce-adoptions",
        model=EcommerceAdoption,
        label="adoption record",
        label_plural="adoption of the e-commerce standards",
        description="How far members have adopted each standard of the E-Commerce Framework, "
        "in the version they refer to.",
        members_report=True,
        frequency=ReportingFrequency.ONCE,
        expected_per="standard",
        subject_key="number",
        csv_key=("member", "standard"),
        serializer=EcommerceAdoptionSerializer,
        filterset=EcommerceAdoptionFilterSet,
        select_related=("member__region", "standard"),
        ordering=("member__code", "standard__number"),
        slug="adoptions",
        url_name="adoption",
        form=EcommerceAdoptionForm,
        columns=(
            "member",
            "member__region",
            (
                "standard",
                tables.TemplateColumn(
                    STANDARD_CELL, verbose_name="Standard", order_by=("standard__number",)
                ),
            ),
            ("version", tables.TemplateColumn(VERSION_CELL, verbose_name="Version")),
            "adoption_status",
            "planned_on",
            "adopted_on",
            "status",
        ),
        search=(*MEMBER_SEARCH, "standard__title"),
        facts=(
            "member",
            "standard",
            "version",
            "adoption_status",
            "planned_on",
            "adopted_on",
            "status",
        ),
        detail_template="facilitation/adoption_detail.html",
        views={"create": views.AdoptionCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="facilitation/joint-activities",
        model=JointActivity,
        description="Activities with the WTO Committee on Trade Facilitation and other "
        "organisations, recorded by the secretariat.",
        serializer=JointActivitySerializer,
        filterset=JointActivityFilterSet,
        select_related=("commitment",),
        ordering=("-held_on", "id"),
        slug="activities",
        url_name="activity",
        form=JointActivityForm,
        columns=("title", "held_on", "partner", "kind", "commitment"),
        facts=("held_on", "partner", "kind", "commitment", "outcome"),
        views={"create": views.ActivityCreateView},
        **FILTERS,
    )
)

register(
    Register(
        path="facilitation/revenue-reports",
        model=RevenueReport,
        description="Members' customs revenue by year, and the part collected on cross-border "
        "e-commerce where they report it. Read by members unless its member makes it public; "
        "a confidential report only by the secretariat staff its member names.",
        members_report=True,
        frequency=ReportingFrequency.ANNUAL,
        period=calendar_year("year"),
        csv_key=("member", "year"),
        serializer=RevenueReportSerializer,
        filterset=RevenueReportFilterSet,
        select_related=("member__region",),
        ordering=("member__code", "-year"),
        slug="revenue",
        url_name="revenue",
        form=RevenueReportForm,
        columns=(
            "member",
            "member__region",
            "year",
            "currency",
            ("total_revenue", figure()),
            ("ecommerce_revenue", figure()),
            ("ecommerce_share", figure("points", verbose_name="E-commerce share", orderable=False)),
            "confidentiality",
            "status",
        ),
        search=MEMBER_SEARCH,
        facts=(
            "member",
            "year",
            "currency",
            "total_revenue",
            "ecommerce_revenue",
            "confidentiality",
            "status",
        ),
        **FILTERS,
    )
)
