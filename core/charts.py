"""SVG charts drawn on the server, shared by the web pages and the PDF reports.

Plain SVG with no script and no external resource renders the same in a browser and in
WeasyPrint; a chart is a function of its data, so the report shows exactly what the page shows.
"""

from html import escape

from django.utils.safestring import mark_safe

STATUS_COLOURS = {
    "done": "#1b7f3b",
    "on_track": "#2e9d57",
    "at_risk": "#d99a00",
    "off_track": "#c0392b",
    "not_started": "#8c95a1",
}
INK = "#1f2933"
GRID = "#d9dee4"
LINE = "#1d5fa8"
TARGET = "#c0392b"


def _fmt(value):
    value = float(value)
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:.0f}"


def nice_ticks(low, high, count=5):
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten."""
    import math

    raw = (high - low) / max(1, count - 1)
    magnitude = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _clip(text, limit):
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def line_chart(points, *, title, unit="", baseline=None, target=None, width=560, height=220):
    """A line of (date, value) points, with the baseline and target as dashed rules."""
    left, right, top, bottom = 56, 16, 28, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="16" font-size="12" font-weight="bold" fill="{INK}">'
        f"{escape(_clip(title, width // 7))}</text>",
    ]
    values = [float(v) for _, v in points]
    references = [float(x) for x in (baseline, target) if x is not None]
    if not points:
        return mark_safe(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 44" width="{width}" '
            f'height="44" role="img" aria-label="{escape(title)}: no published values" '
            f'font-family="DejaVu Sans, sans-serif" font-size="11"><title>{escape(title)}</title>'
            f'<text x="{left}" y="16" font-size="12" font-weight="bold" fill="{INK}">'
            f"{escape(_clip(title, 80))}</text>"
            f'<text x="{left}" y="36" fill="#6b7480">No published values yet</text></svg>'
        )
    ticks = nice_ticks(min(values + references), max(values + references))
    if len(ticks) < 2:
        ticks = [ticks[0] - 1, ticks[0] + 1]
    low, high = ticks[0], ticks[-1]

    def y(value):
        return top + plot_h - (float(value) - low) / (high - low) * plot_h

    def x(index):
        return left + (plot_w * index / (len(points) - 1) if len(points) > 1 else plot_w / 2)

    for value in ticks:
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{INK}">'
            f"{_fmt(value)}</text>"
        )
    for label, value, colour in (("baseline", baseline, "#6b7480"), ("target", target, TARGET)):
        if value is not None:
            parts.append(
                f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
                f'stroke="{colour}" stroke-dasharray="5,4" stroke-width="1.2"/>'
                f'<text x="{left + plot_w}" y="{y(value) - 4:.1f}" text-anchor="end" '
                f'fill="{colour}">{label} {_fmt(value)}</text>'
            )
    path = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for i, (when, value) in enumerate(points):
        parts.append(
            f'<circle cx="{x(i):.1f}" cy="{y(value):.1f}" r="2.5" fill="{LINE}">'
            f"<title>{when:%Y-%m-%d}: {_fmt(value)} {escape(unit)}</title></circle>"
        )
    step = max(1, len(points) // 6)
    for i in range(0, len(points), step):
        # The last label ends at the plot's edge rather than being cut by the frame.
        anchor = "end" if i == len(points) - 1 and len(points) > 1 else "middle"
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="{anchor}" fill="{INK}">'
            f"{points[i][0]:%Y-%m}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def bar_chart(bars, *, title, maximum=1.0, percent=True, width=660, bar_height=18):
    """Horizontal bars: (label, value, status-or-colour) triples, values from 0 to `maximum`."""
    # Room for the longest label (about 6.5 px a character at 11 px), within half the width.
    longest = max((len(str(label)) for label, _, _ in bars), default=0)
    left, right, top = min(width * 11 // 20, 12 + int(longest * 6.5)), 48, 28
    height = top + len(bars) * (bar_height + 8) + 8
    plot_w = width - left - right
    # Characters that fit left of the bars (rounded, so the longest label fits in full).
    label_room = max(1, round((left - 12) / 6.5))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="12" font-weight="bold" fill="{INK}">{escape(title)}</text>',
    ]
    for i, (label, value, colour) in enumerate(bars):
        top_y = top + i * (bar_height + 8)
        share = max(0.0, min(1.0, float(value) / maximum)) if maximum else 0.0
        fill = STATUS_COLOURS.get(colour, colour or LINE)
        shown = f"{float(value) * 100:.0f}%" if percent else _fmt(value)
        parts.append(
            f'<text x="{left - 8}" y="{top_y + bar_height - 5}" text-anchor="end" fill="{INK}">'
            f"{escape(_clip(str(label), label_room))}</text>"
            f'<rect x="{left}" y="{top_y}" width="{plot_w}" height="{bar_height}" fill="#eef1f4"/>'
            f'<rect x="{left}" y="{top_y}" width="{plot_w * share:.1f}" height="{bar_height}" '
            f'fill="{fill}"/>'
            f'<text x="{left + plot_w + 6}" y="{top_y + bar_height - 5}" fill="{INK}">'
            f"{shown}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def progress_bar(progress, status="on_track", width=160, height=12):
    share = max(0.0, min(1.0, float(progress or 0)))
    colour = STATUS_COLOURS.get(status, LINE)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{share * 100:.0f}% progress">'
        f'<rect width="{width}" height="{height}" rx="3" fill="#eef1f4"/>'
        f'<rect width="{width * share:.1f}" height="{height}" rx="3" fill="{colour}"/></svg>'
    )
