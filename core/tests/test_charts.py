"""The SVG charts shared by the pages and the reports."""

from datetime import date

from core.charts import bar_chart, line_chart, nice_ticks


def test_ticks_are_round_and_cover_the_values():
    ticks = nice_ticks(56.8, 103.2)
    assert ticks[0] <= 56.8 and ticks[-1] >= 103.2
    steps = {round(b - a, 6) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() in (10, 20)
    assert all(float(t).is_integer() for t in ticks)


def test_a_chart_without_values_says_so():
    assert "No published values yet" in line_chart([], title="TF-9.1")


def test_a_line_chart_draws_each_point_with_its_date():
    svg = line_chart([(date(2024, 1, 1), 10), (date(2024, 4, 1), 20)], title="T", target=30)
    assert svg.count("<circle") == 2 and "2024-04-01: 20" in svg and "target 30" in svg


def test_labels_are_escaped_and_long_ones_clipped_not_cut_by_the_frame():
    svg = bar_chart([("<script>", 0.5, "on_track"), ("x" * 200, 0.2, "at_risk")], title="A&B")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "A&amp;B" in svg
    assert "x" * 200 not in svg and "…" in svg


def test_bar_labels_of_any_length_are_shown_in_full_when_there_is_room():
    for label in ("Standard 10", "Standard 1", "Europe", "Asia"):
        chart = bar_chart([(label, 0.5, "on_track")], title="Labels")
        assert f">{label}</text>" in chart
