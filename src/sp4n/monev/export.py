"""The monev report's tables as CSV files and as an Excel workbook.

Rule: issue #14 ("exports"). The same tables as the HTML page
([`sp4n.monev.tables.report_tables`][sp4n.monev.tables.report_tables]), complete (every column,
every row):

* [`csv_files`][sp4n.monev.export.csv_files] — one CSV per table, named ``<table key>.csv``, headed
by
  the stable column keys (``reports``, ``follow_up_rate``…) so a script reads
  them whatever the language; a rate is its exact fraction (``0.5240963855``,
  10 decimals), a count an integer, an unknown value ``unknown``, a value that
  does not apply empty; names and labels are in the report's language.
* [`xlsx_bytes`][sp4n.monev.export.xlsx_bytes] — one sheet per table plus a first sheet ``report``
with
  what the report is about, headed by the column titles in the report's
  language; a rate is a number with a percent format (``0.0%``), so a
  spreadsheet computes with it; counts ``#,##0``, days ``0.0``, dates as dates.
  Needs openpyxl (the ``report`` extra).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final

from sp4n.errors import ConfigError
from sp4n.i18n import Lang, Message
from sp4n.monev.tables import UNKNOWN, Cell, Table, cell_text
from sp4n.scoring import Rate

__all__ = ["csv_files", "require_openpyxl", "xlsx_bytes"]

_PLACES: Final = Decimal("1e-10")
_PERCENT: Final = "0.0%"
_COUNT: Final = "#,##0"
_DAYS: Final = "0.0"
_DATE: Final = "yyyy-mm-dd"


def _csv_value(cell: Cell) -> str:  # noqa: PLR0911 - one return per cell type
    if cell is UNKNOWN:
        return "unknown"
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Rate):
        value = cell.value
        return "" if value is None else str(value.quantize(_PLACES))
    if isinstance(cell, Decimal):
        return str(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def csv_files(tables: Sequence[Table]) -> dict[str, str]:
    """File name → CSV text, one per table (see the module docstring)."""
    files = {}
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.key for c in table.columns])
        writer.writerows([_csv_value(cell) for cell in row] for row in table.rows)
        files[f"{table.key}.csv"] = buffer.getvalue()
    return files


def require_openpyxl() -> None:
    """Check openpyxl (the ``report`` extra) is installed, before any work is done.

    Raises:
        ConfigError: it is missing; the message says how to install it.
    """
    _openpyxl()


def _openpyxl() -> Any:
    try:
        import openpyxl  # noqa: PLC0415 - optional extra, imported on use
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError(
            Message(
                "error.export.excel-report-needs-openpyxl",
                "the Excel report needs openpyxl: pip install 'sp4n[report]'",
            ),
            field="xlsx",
        ) from exc
    return openpyxl


def _excel(cell: Cell, lang: Lang) -> tuple[object, str | None]:  # noqa: PLR0911
    """A cell's Excel value and number format."""
    if cell is UNKNOWN or isinstance(cell, bool):
        return cell_text(cell, lang), None
    if cell is None:
        return None, None
    if isinstance(cell, Rate):
        value = cell.value
        return (None, None) if value is None else (float(value), _PERCENT)
    if isinstance(cell, int):
        return cell, _COUNT
    if isinstance(cell, Decimal):
        return float(cell), _DAYS
    if isinstance(cell, date):
        return cell, _DATE
    return str(cell), None


def xlsx_bytes(tables: Sequence[Table], about: Sequence[tuple[str, str]], lang: Lang) -> bytes:
    """The tables as an Excel workbook (``.xlsx``), one sheet per table.

    Args:
        tables: The tables ([`sp4n.monev.tables.report_tables`][sp4n.monev.tables.report_tables]).
        about: (label, value) lines of the first sheet
            ([`header_rows`][sp4n.monev.tables.header_rows]).
        lang: The language of the titles and texts.

    Raises:
        ConfigError: openpyxl is not installed.
    """
    openpyxl = _openpyxl()
    from openpyxl.styles import Font  # noqa: PLC0415 - optional extra

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "report"
    bold = Font(bold=True)
    for name, value in about:
        sheet.append([name, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 100
    for table in tables:
        sheet = book.create_sheet(table.key[:31])
        sheet.append([c.title for c in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            values = [_excel(cell, lang) for cell in row]
            sheet.append([value for value, _ in values])
            for column, (_, number_format) in enumerate(values, start=1):
                if number_format is not None:
                    sheet.cell(row=sheet.max_row, column=column).number_format = number_format
        sheet.freeze_panes = "A2"
        for column, title in enumerate(table.columns, start=1):
            letter = openpyxl.utils.get_column_letter(column)
            sheet.column_dimensions[letter].width = 12 if title.numeric else 36
        if table.note:
            sheet.append([])
            sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
