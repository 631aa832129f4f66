"""The monev report as rich tables for a terminal, in Indonesian (default) or English.

The same tables and words as the HTML page
([`sp4n.monev.tables.report_tables`][sp4n.monev.tables.report_tables],
[`sp4n.monev.texts`][sp4n.monev.texts]): what was evaluated, the summary, the drill-down
(provinces, or the governments of a province scope), the SLA per stage, the
agencies with the most late stages, and the top and bottom of each fair
ranking by kind of agency. Percentages are rendered only here (rates stay
exact fractions in the result); an undefined rate prints *tidak terdefinisi* /
*undefined*, an unknown connectivity *tidak diketahui* / *unknown*, never 0%.
"""

from __future__ import annotations

from rich.console import Console, Group, RenderableType
from rich.table import Table as RichTable

from sp4n.i18n import Lang
from sp4n.monev.pipeline import NATIONAL, MonevResult
from sp4n.monev.tables import ReportSource, Table, cell_text, header_rows, report_tables
from sp4n.monev.texts import text

__all__ = ["print_report", "render_text", "rich_table"]

_HIDDEN = frozenset(
    {
        "code",
        "agency_id",
        "kind",
        "in_progress_share",
        "on_time_verification",
        "on_time_resolution",
        "rule",
    }
)
"""Columns left to the files: a terminal is narrower than a page."""


def rich_table(table: Table, lang: Lang, *, rows: int | None = None, title: str = "") -> RichTable:
    """A report table as a rich table (numbers right-aligned, names left), first ``rows`` rows."""
    shown = [i for i, c in enumerate(table.columns) if c.key not in _HIDDEN]
    out = RichTable(title=title or table.title)
    for i in shown:
        column = table.columns[i]
        out.add_column(column.title, justify="right" if column.numeric else "left")
    for row in table.rows[:rows]:
        out.add_row(*(cell_text(row[i], lang) for i in shown))
    if table.note:
        out.caption = table.note
    return out


def render_text(
    result: MonevResult, *, top: int = 5, lang: Lang = "id", source: ReportSource | None = None
) -> RenderableType:
    """All the tables of the report, in reading order."""
    tables = {t.key: t for t in report_tables(result, lang)}
    about = RichTable(show_header=False, box=None)
    about.add_column(style="bold")
    about.add_column()
    for name, value in header_rows(result, lang, source):
        about.add_row(name, value)
    parts: list[RenderableType] = [about]
    if result.details.connected_source is None:
        parts.append(text("ui.monev.connectivity-hint", lang))
    parts.append(rich_table(tables["summary"], lang))
    if result.scope == NATIONAL:
        parts.append(rich_table(tables["provinces"], lang))
    else:
        governments = tables["agencies"]
        parts.append(rich_table(governments, lang, rows=len(result.details.governments())))
    parts.append(rich_table(tables["sla"], lang))
    parts.append(rich_table(tables["breaches"], lang, rows=top))
    hint = text("ui.monev.hint.top", lang, count=str(top))
    for key, table in tables.items():
        if key.startswith("ranking_") and table.rows:
            parts.append(rich_table(table, lang, rows=top, title=f"{table.title} — {hint}"))
    return Group(*parts)


def print_report(
    console: Console,
    result: MonevResult,
    *,
    top: int = 5,
    lang: Lang = "id",
    source: ReportSource | None = None,
) -> None:
    """Print the report on ``console``."""
    console.print(render_text(result, top=top, lang=lang, source=source))
