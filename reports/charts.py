"""Charts drawn by the server as inline SVG: no JavaScript, printable, accessible.

Each chart is an ``<svg role="img">`` labelled by its ``<title>`` and ``<desc>``;
the page puts a table with the same figures next to it, so screen readers and
text browsers get the numbers, not a picture of them. Every text is escaped.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
BAR_GAP = 6
LABEL_WIDTH = 260
BAR_AREA = 360
VALUE_WIDTH = 60


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bar_chart(
    rows: Sequence[tuple[str, int]], *, chart_id: str, title: str, description: str
) -> SafeString:
    """Horizontal bars, one per (label, count), longest bar = the largest count."""
    if not rows:
        return mark_safe("")
    largest = max(count for _label, count in rows) or 1
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    parts = [
        format_html(
            '<svg class="chart chart-bars" id="{}" role="img" aria-labelledby="{}-title {}-desc" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            chart_id,
            chart_id,
            chart_id,
            width,
            height,
            chart_id,
            title,
            chart_id,
            description,
        )
    ]
    for index, (label, count) in enumerate(rows):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        bar = max(round(BAR_AREA * count / largest), 1 if count else 0)
        parts.append(
            format_html(
                '<g class="bar"><text x="{}" y="{}" text-anchor="end" class="chart-label">{}'
                "</text>"
                '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text></g>',
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT * 0.7,
                _shorten(label),
                LABEL_WIDTH,
                y,
                bar,
                BAR_HEIGHT,
                LABEL_WIDTH + bar + 6,
                y + BAR_HEIGHT * 0.7,
                count,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))  # every part went through format_html


def day_chart(
    days: Sequence[tuple[datetime.date, int]], *, chart_id: str, title: str, description: str
) -> SafeString:
    """One column per day of the month; the axis shows the day numbers."""
    if not days:
        return mark_safe("")
    column, gap, top, bottom, left = 18, 4, 20, 24, 34
    plot_height = 180
    largest = max(count for _day, count in days) or 1
    width = left + len(days) * (column + gap) + gap
    height = top + plot_height + bottom
    parts = [
        format_html(
            '<svg class="chart chart-days" id="{}" role="img" aria-labelledby="{}-title {}-desc" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
            '<line x1="{}" y1="{}" x2="{}" y2="{}" class="chart-axis"></line>'
            '<text x="{}" y="{}" text-anchor="end" class="chart-value">{}</text>'
            '<text x="{}" y="{}" text-anchor="end" class="chart-value">0</text>',
            chart_id,
            chart_id,
            chart_id,
            width,
            height,
            chart_id,
            title,
            chart_id,
            description,
            left,
            top + plot_height,
            width,
            top + plot_height,
            left - 6,
            top + 4,
            largest,
            left - 6,
            top + plot_height,
        )
    ]
    for index, (day, count) in enumerate(days):
        x = left + gap + index * (column + gap)
        bar = round(plot_height * count / largest)
        parts.append(
            format_html(
                '<g class="column"><rect x="{}" y="{}" width="{}" height="{}" class="chart-bar">'
                "<title>{}: {}</title></rect>"
                '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text></g>',
                x,
                top + plot_height - bar,
                column,
                bar,
                day.isoformat(),
                count,
                x + column / 2,
                top + plot_height + 16,
                day.day,
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))  # every part went through format_html
