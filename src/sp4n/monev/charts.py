"""The charts of the HTML monev report, drawn by matplotlib as inline SVG.

Rule: issue #14 ("charts that answer a question"). Bars are sorted and carry
their value; rate charts draw the scope's average and the rulebook's grade
thresholds (GRADE-*) as lines; the tile-grid map colours each province (or
each government of a province) by its follow-up rate in the grade bands, with
a legend. The palette is colour-blind safe (ColorBrewer PuOr, readable in
grey when printed); a region with no report is grey and hatched, never a
colour of the scale. Titles (the finding) and the data tables stay in the
HTML around each chart, so they are text in the page's language.

matplotlib is the ``report`` extra; [`require_matplotlib`][sp4n.monev.charts.require_matplotlib]
says so early.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from sp4n.errors import ConfigError
from sp4n.i18n import Lang, Message
from sp4n.monev.texts import number, percent, text
from sp4n.rulebook import GradeRule
from sp4n.scoring import Rate

if TYPE_CHECKING:  # pragma: no cover - typing only
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "GRADE_COLOURS",
    "NO_DATA",
    "Tile",
    "bar_chart",
    "count_chart",
    "grade_of",
    "grid_tiles",
    "rate_bars",
    "require_matplotlib",
    "tile_map",
    "trend_chart",
]

GRADE_COLOURS: Final = ("#5e3c99", "#b2abd2", "#fdb863", "#e66101")
"""Fill of the grade bands, best first (ColorBrewer PuOr, colour-blind safe)."""
NO_DATA: Final = "#d9d9d9"
"""Fill of a region or bar with no report."""
_INK: Final = "#1d2433"
_AVERAGE: Final = "#000000"
_THRESHOLD: Final = "#6b7280"
_COUNT: Final = "#0072b2"  # Okabe-Ito blue: counts, which are no grade
_SECOND: Final = "#009e73"  # Okabe-Ito bluish green
_THIRD: Final = "#cc79a7"  # Okabe-Ito reddish purple
WIDTH: Final = 11.0
"""Figure width in inches: an A4 landscape page less its margins."""


def require_matplotlib() -> None:
    """Check the ``report`` extra is installed, before any work is done.

    Raises:
        ConfigError: matplotlib is missing; the message says how to install it.
    """
    _matplotlib()


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - optional extra, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError(
            Message(
                "error.charts.html-report-needs-matplotlib",
                "the HTML report needs matplotlib: pip install 'sp4n[report]'",
            ),
            field="html",
        ) from exc
    return matplotlib


def _figure(height: float) -> Figure:
    _matplotlib()
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    return Figure(figsize=(WIDTH, height), dpi=100)


def _svg(fig: Figure) -> str:
    matplotlib = _matplotlib()
    buffer = io.StringIO()
    with matplotlib.rc_context(
        {"svg.fonttype": "none", "svg.hashsalt": "sp4n", "font.family": "sans-serif"}
    ):
        fig.savefig(
            buffer,
            format="svg",
            bbox_inches="tight",
            metadata={"Creator": None, "Date": None, "Format": None, "Type": None},
        )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]  # drop the XML prolog and DOCTYPE (a DTD URL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    # Scale to the page: drop the fixed size, keep the viewBox.
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)


def grade_of(value: Decimal | None, grades: Sequence[GradeRule]) -> int | None:
    """The index of the grade band of a rate (0 = best), ``None`` when undefined.

    >>> from sp4n.rulebook import Rulebook
    >>> grade_of(Decimal("0.8"), Rulebook.default().grades), grade_of(None, ())
    (1, None)
    """
    if value is None:
        return None
    for i, grade in enumerate(grades):
        if value >= grade.min_rate:
            return i
    return len(grades) - 1 if grades else None


def _fill(value: Decimal | None, grades: Sequence[GradeRule]) -> str:
    index = grade_of(value, grades)
    if index is None:
        return NO_DATA
    return GRADE_COLOURS[min(index, len(GRADE_COLOURS) - 1)]


def _ink_on(fill: str) -> str:
    red, green, blue = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    return "#ffffff" if 0.299 * red + 0.587 * green + 0.114 * blue < 140 else _INK


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=_INK, labelsize=8)


def _grade_handles(grades: Sequence[GradeRule], lang: Lang, *, no_data: bool) -> list[Any]:
    from matplotlib.patches import Patch  # noqa: PLC0415 - optional extra

    handles = []
    for i, grade in enumerate(grades):
        name = text(f"label.grade.{grade.grade}", lang)
        if grade.min_rate > 0 or i == 0:
            shown = text(
                "ui.monev.legend.grade",
                lang,
                grade=name,
                threshold=percent(grade.min_rate, lang, 0),
            )
        else:  # the lowest band: below the band above it
            above = percent(grades[i - 1].min_rate, lang, 0)
            shown = text("ui.monev.legend.grade-below", lang, grade=name, threshold=above)
        colour = GRADE_COLOURS[min(i, len(GRADE_COLOURS) - 1)]
        handles.append(Patch(facecolor=colour, label=shown))
    if no_data:
        handles.append(
            Patch(
                facecolor=NO_DATA,
                hatch="///",
                edgecolor="#9ca3af",
                label=text("ui.monev.legend.no-data", lang),
            )
        )
    return handles


def _pct_axis(ax: Axes, lang: Lang, *, axis: str = "x") -> None:
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415 - optional extra

    formatter = FuncFormatter(lambda v, _: percent(Decimal(str(round(v, 4))), lang, 0))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def bar_chart(
    labels: Sequence[str],
    rates: Sequence[Rate],
    *,
    average: Rate | None,
    grades: Sequence[GradeRule],
    lang: Lang,
) -> str:
    """Horizontal bars of a rate per group, best first, each with its value.

    Groups with no report are listed last, as a grey hatched stub marked
    *no reports*. The scope's ``average`` is a black dashed line; each grade
    threshold a grey dotted line with its name.
    """
    order = sorted(
        range(len(labels)),
        key=lambda i: (rates[i].value is None, -(rates[i].value or 0), labels[i]),
    )
    n = len(order)
    fig = _figure(max(2.6, 0.24 * n + 1.4))
    ax = fig.add_subplot()
    _style(ax)
    for y, i in enumerate(order):
        value = rates[i].value
        fill = _fill(value, grades)
        if value is None:
            ax.barh(y, 0.01, color=NO_DATA, hatch="///", edgecolor="#9ca3af", height=0.7)
            ax.text(0.015, y, text("ui.monev.legend.no-data", lang), va="center", fontsize=7)
            continue
        ax.barh(y, float(value), color=fill, height=0.7)
        shown = f"{percent(value, lang)}  ({rates[i].numerator}/{rates[i].denominator})"
        ax.text(float(value) + 0.008, y, shown, va="center", fontsize=7, color=_INK)
    ax.set_yticks(range(n), [labels[i] for i in order], fontsize=8)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, 1.18)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    _pct_axis(ax, lang)
    ax.set_xlabel(text("ui.monev.axis.follow-up", lang), fontsize=8)
    for grade in grades:
        if grade.min_rate > 0:
            ax.axvline(float(grade.min_rate), color=_THRESHOLD, linestyle=":", linewidth=1)
            ax.text(
                float(grade.min_rate),
                -0.55,
                text(f"label.grade.{grade.grade}", lang),
                fontsize=7,
                color=_THRESHOLD,
                ha="center",
                va="bottom",
            )
    handles = _grade_handles(grades, lang, no_data=any(r.value is None for r in rates))
    if average is not None and average.value is not None:
        line = ax.axvline(float(average.value), color=_AVERAGE, linestyle="--", linewidth=1.2)
        line.set_label(text("ui.monev.legend.average", lang, value=percent(average.value, lang)))
        handles.insert(0, line)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08 if n > 12 else -0.25),
        ncol=min(len(handles), 6),
        fontsize=7,
        frameon=False,
    )
    return _svg(fig)


@attrs.frozen
class Tile:
    """One tile of a tile-grid map: its label, grid cell and rate."""

    label: str
    row: int
    col: int
    rate: Rate | None


def tile_map(tiles: Sequence[Tile], *, grades: Sequence[GradeRule], lang: Lang) -> str:
    """A tile-grid map: one square per region coloured by its rate's grade band, with a legend."""
    from matplotlib.patches import Rectangle  # noqa: PLC0415 - optional extra

    rows = 1 + max((t.row for t in tiles), default=0)
    cols = 1 + max((t.col for t in tiles), default=0)
    height = max(2.2, WIDTH * (rows + 0.9) / max(cols, 8))
    fig = _figure(min(height, 9.0))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_aspect("equal")
    no_data = False
    for tile in tiles:
        value = None if tile.rate is None else tile.rate.value
        fill = _fill(value, grades)
        no_data = no_data or value is None
        ax.add_patch(
            Rectangle(
                (tile.col, -tile.row),
                0.94,
                0.94,
                facecolor=fill,
                edgecolor="#ffffff",
                hatch="///" if value is None else None,
            )
        )
        ink = _ink_on(fill)
        ax.text(
            tile.col + 0.47,
            -tile.row + 0.62,
            tile.label,
            ha="center",
            va="center",
            fontsize=6.5 if len(tile.label) <= 9 else 5.5,
            color=ink,
        )
        shown = "–" if value is None else percent(value, lang, 0)
        ax.text(
            tile.col + 0.47, -tile.row + 0.3, shown, ha="center", va="center", fontsize=7, color=ink
        )
    ax.set_xlim(-0.1, cols + 0.1)
    ax.set_ylim(-rows + 0.8, 1.05)
    ax.legend(
        handles=_grade_handles(grades, lang, no_data=no_data),
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=5,
        fontsize=7,
        frameon=False,
    )
    return _svg(fig)


def trend_chart(
    labels: Sequence[str],
    reports: Sequence[int],
    followed_up: Sequence[int],
    closed: Sequence[int],
    rates: Sequence[Rate],
    *,
    lang: Lang,
) -> str:
    """Reports in, followed up and closed per month or week (bars); the follow-up rate (line)."""
    n = len(labels)
    fig = _figure(3.4)
    ax = fig.add_subplot()
    _style(ax)
    width = 0.27
    xs = range(n)
    series = (
        (reports, _COUNT, text("ui.monev.col.reports", lang), -width),
        (followed_up, _SECOND, text("ui.monev.col.followed-up", lang), 0.0),
        (closed, _THIRD, text("ui.monev.col.closed", lang), width),
    )
    for values, colour, name, shift in series:
        ax.bar([x + shift for x in xs], values, width=width, color=colour, label=name)
    for x, value in zip(xs, reports, strict=True):
        if value:
            ax.text(x - width, value, str(value), ha="center", va="bottom", fontsize=6.5)
    ax.set_xticks(list(xs), labels, fontsize=7, rotation=0 if n <= 14 else 45)
    ax.set_ylabel(text("ui.monev.axis.reports", lang), fontsize=8)
    twin = ax.twinx()
    twin.spines["top"].set_visible(False)
    points = [(x, float(r.value)) for x, r in zip(xs, rates, strict=True) if r.value is not None]
    if points:
        twin.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=_AVERAGE,
            marker="o",
            markersize=3,
            linewidth=1.4,
            label=text("ui.monev.axis.follow-up", lang),
        )
        for x, y in points:
            twin.text(x, y + 0.04, percent(Decimal(str(y)), lang, 0), ha="center", fontsize=6.5)
    twin.set_ylim(0, 1.15)
    twin.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    _pct_axis(twin, lang, axis="y")
    twin.tick_params(labelsize=8)
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.14 if n <= 14 else -0.3),
        ncol=4,
        fontsize=7,
        frameon=False,
    )
    return _svg(fig)


def rate_bars(
    labels: Sequence[str], rates: Sequence[Rate | None], *, grades: Sequence[GradeRule], lang: Lang
) -> str:
    """Horizontal bars of on-time rates (one per SLA stage, in stage order), with their counts."""
    n = len(labels)
    fig = _figure(max(1.8, 0.45 * n + 0.9))
    ax = fig.add_subplot()
    _style(ax)
    for y, rate in enumerate(rates):
        value = None if rate is None else rate.value
        if rate is None or value is None:
            ax.barh(y, 0.01, color=NO_DATA, hatch="///", edgecolor="#9ca3af", height=0.6)
            ax.text(0.015, y, text("ui.monev.legend.no-data", lang), va="center", fontsize=7)
            continue
        ax.barh(y, float(value), color=_fill(value, grades), height=0.6)
        shown = f"{percent(value, lang)}  ({rate.numerator}/{rate.denominator})"
        ax.text(float(value) + 0.008, y, shown, va="center", fontsize=7.5)
    ax.set_yticks(range(n), labels, fontsize=8)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, 1.2)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    _pct_axis(ax, lang)
    ax.set_xlabel(text("ui.monev.axis.on-time", lang), fontsize=8)
    ax.legend(
        handles=_grade_handles(
            grades, lang, no_data=any(r is None or r.value is None for r in rates)
        ),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.3 if n > 2 else -0.5),
        ncol=5,
        fontsize=7,
        frameon=False,
    )
    return _svg(fig)


def count_chart(
    labels: Sequence[str], counts: Sequence[int], notes: Sequence[str], *, axis: str, lang: Lang
) -> str:
    """Horizontal bars of counts, largest first (as given), each with its count and a note."""
    n = len(labels)
    fig = _figure(max(1.8, 0.26 * n + 1.0))
    ax = fig.add_subplot()
    _style(ax)
    top = max(counts, default=0) or 1
    for y, (count, note) in enumerate(zip(counts, notes, strict=True)):
        ax.barh(y, count, color=_COUNT, height=0.7)
        shown = f"{number(count, lang)}  {note}".rstrip()
        ax.text(count + top * 0.01, y, shown, va="center", fontsize=7)
    ax.set_yticks(range(n), labels, fontsize=8)
    ax.set_ylim(n - 0.4, -0.6)
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel(axis, fontsize=8)
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415 - optional extra

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    return _svg(fig)


def grid_tiles(labels: Sequence[str], rates: Sequence[Rate | None]) -> list[Tile]:
    """Tiles in the given order on a near-square grid (for regions without a map layout)."""
    n = len(labels)
    cols = max(1, math.ceil(math.sqrt(n * 2.2)))
    return [
        Tile(label, i // cols, i % cols, rate)
        for i, (label, rate) in enumerate(zip(labels, rates, strict=True))
    ]
