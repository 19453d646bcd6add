"""Number formats shared by the pages and the reports."""

from django import template

register = template.Library()


@register.filter
def percent(value):
    if value is None:
        return "–"
    return f"{float(value) * 100:.0f}%"


@register.filter
def points(value):
    """A rate already in percent, as the registers' figures are: 62.5 -> "62.5%"."""
    if value is None:
        return "–"
    return f"{float(value):.1f}".removesuffix(".0") + "%"


@register.filter
def number(value):
    if value is None:
        return "–"
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:,.1f}"


@register.simple_tag
def progress_bar(progress, status):
    from core.charts import progress_bar as draw

    return draw(progress, status)
