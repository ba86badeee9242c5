"""Server-drawn SVG charts: accessible, proportional, escaped."""

import datetime
import re

from reports.charts import bar_chart, day_chart


def test_bar_chart_is_an_accessible_image_with_proportional_bars():
    svg = bar_chart(
        [("Jawa Barat", 30), ("Riau", 15)], chart_id="c", title="Per provinsi", description="Dua"
    )
    assert svg.startswith('<svg class="chart chart-bars" id="c" role="img"')
    assert 'aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Per provinsi</title>' in svg
    assert '<desc id="c-desc">Dua</desc>' in svg
    widths = [
        int(w)
        for w in re.findall(r'class="chart-bar"', svg)
        and re.findall(r'<rect [^>]*width="(\d+)"', svg)
    ]
    assert widths[0] == 2 * widths[1]


def test_chart_text_is_escaped():
    svg = bar_chart([("<script>alert(1)</script>", 1)], chart_id="x", title="<b>", description="&")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert '<title id="x-title">&lt;b&gt;</title>' in svg


def test_day_chart_has_a_column_per_day():
    days = [(datetime.date(2019, 2, d), d % 3) for d in range(1, 29)]
    svg = day_chart(days, chart_id="d", title="Per hari", description="Kolom")
    assert svg.count('<g class="column">') == 28
    assert "<title>2019-02-05: 2</title>" in svg


def test_no_rows_no_chart():
    assert bar_chart([], chart_id="e", title="t", description="d") == ""
