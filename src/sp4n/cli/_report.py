"""The report options of ``sp4n monev`` and ``sp4n demo``: language, connectivity, output files.

Rule: issue #14. ``--lang`` (Indonesian by default: the report's readers are
Indonesian officials), ``--connected FILE`` (IND-CONNECTIVITY), and the
outputs ``--json``, ``--html``, ``--csv DIR`` and ``--xlsx FILE``. Everything
that can fail without the data — an unknown language, a missing optional
library, an unreadable connectivity file — fails in `prepare`, before
any report is read; the outputs are all rendered first, then written (each to a
temporary file beside its target, renamed into place only when every one is
complete: `write_files`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
from rich.console import Console

from sp4n._files import write_text_files
from sp4n.cli._io import is_stdio
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Lang, Message, resolve_lang
from sp4n.monev import MonevResult
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.tables import ReportSource

__all__ = ["ReportPlan", "add_options", "prepare", "write_files", "write_report"]


def add_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang``, ``--connected``, ``--csv`` and ``--xlsx``."""
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        help="language of the report: id (Bahasa Indonesia, default) or en",
    )
    parser.add_argument(
        "--connected",
        type=Path,
        help="CSV of connected governments (column region_code or agency_id, optional "
        "connected); without it connectivity is unknown",
    )
    parser.add_argument(
        "--csv", type=Path, help="write one CSV per table into this folder (not -: a folder)"
    )
    parser.add_argument(
        "--xlsx", type=Path, help="write the tables as an Excel workbook here (- for stdout)"
    )


@attrs.frozen
class ReportPlan:
    """What `prepare` settled before the work: the language and the connectivity data."""

    lang: Lang
    connected: ConnectedGovernments | None


def prepare(
    args: argparse.Namespace, graph: AgencyGraph, *, connected: ConnectedGovernments | None = None
) -> ReportPlan:
    """Check everything the outputs need before any report is read.

    Args:
        args: The parsed options.
        graph: The hierarchy the connectivity file names agencies of.
        connected: The connectivity to use when ``--connected`` is not given.

    Raises:
        ConfigError: a missing optional library (matplotlib for ``--html``,
            openpyxl for ``--xlsx``), an unknown ``SP4N_LANG``.
        DataError: an unreadable or invalid ``--connected`` file.
    """
    lang = resolve_lang(args.lang, default="id")
    _check_stdout(args)
    if args.html is not None:
        from sp4n.monev.charts import require_matplotlib  # noqa: PLC0415 - optional extra

        require_matplotlib()
    if args.xlsx is not None:
        from sp4n.monev.export import require_openpyxl  # noqa: PLC0415 - optional extra

        require_openpyxl()
    if args.connected is not None:
        connected = ConnectedGovernments.from_csv(args.connected, graph)
    return ReportPlan(lang, connected)


def write_files(files: Sequence[tuple[Path, bytes, str]]) -> None:
    """Write several files as one step: each to a temporary file beside it, then all renamed.

    Rule OUTPUT-FILE (STYLE "output files written in place"): a failure leaves
    every target as it was and no temporary file behind. The shared atomic
    writer of every sp4n output (`sp4n._files.write_text_files`, #11).

    Raises:
        DataError: a file cannot be written (rule OUTPUT-FILE, ``field`` the option).
    """
    write_text_files(files)


def write_report(
    args: argparse.Namespace,
    result: MonevResult,
    out: Console,
    *,
    plan: ReportPlan,
    source: ReportSource | None = None,
) -> None:
    """Render each output asked for (``--json``, ``--html``, ``--csv``, ``--xlsx``), then write all.

    Raises:
        DataError: an output cannot be written (rule OUTPUT-FILE); nothing is written then.
    """
    del out  # notes on where the files went go to standard error (issue #12)
    from sp4n.monev.render_json import render_json  # noqa: PLC0415 - imported when asked
    from sp4n.monev.tables import header_rows, report_tables  # noqa: PLC0415

    files: list[tuple[Path, bytes, str]] = []
    if args.json is not None:
        files.append((args.json, render_json(result).encode(), "json"))
    if args.html is not None:
        from sp4n.monev.render_html import render_html  # noqa: PLC0415 - optional extra

        page = render_html(result, lang=plan.lang, source=source)
        files.append((args.html, page.encode(), "html"))
    tables = report_tables(result, plan.lang) if args.csv or args.xlsx else ()
    if args.csv is not None:
        from sp4n.monev.export import csv_files  # noqa: PLC0415

        try:
            args.csv.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DataError(
                Message(
                    "OUTPUT-FILE.cannot-create-csv-value",
                    "cannot create {csv}: {value}",
                    csv=str(args.csv),
                    value=str(exc.strerror or exc),
                ),
                rule="OUTPUT-FILE",
                field="csv",
            ) from None
        for name, body in csv_files(tables).items():
            files.append((args.csv / name, body.encode(), "csv"))
    if args.xlsx is not None:
        from sp4n.monev.export import xlsx_bytes  # noqa: PLC0415 - optional extra

        about = header_rows(result, plan.lang, source)
        files.append((args.xlsx, xlsx_bytes(tables, about, plan.lang), "xlsx"))
    write_files([f for f in files if not is_stdio(f[0])])
    for path, data, _ in files:
        if is_stdio(path):
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    for path, _, field in files:  # where the files went: a note, on standard error
        if field != "csv" and not is_stdio(path):
            print(f"{field.upper()}: {path}", file=sys.stderr)
    if args.csv is not None:
        print(f"CSV: {args.csv}/", file=sys.stderr)


def writes_stdout(args: argparse.Namespace) -> bool:
    """Whether an output file is ``-`` (standard output): the report text then goes to stderr."""
    return any(is_stdio(getattr(args, name, None)) for name in ("json", "html", "xlsx"))


def _check_stdout(args: argparse.Namespace) -> None:
    """At most one output on standard output; ``--csv`` is a folder (rule CLI-USAGE)."""
    if is_stdio(args.csv):
        raise DataError(
            Message("CLI-USAGE.csv-folder", "--csv names a folder: it cannot be - (stdout)"),
            rule="CLI-USAGE",
            field="csv",
        )
    named = [f"--{name}" for name in ("json", "html", "xlsx") if is_stdio(getattr(args, name))]
    if len(named) > 1:
        raise DataError(
            Message(
                "CLI-USAGE.one-stdout",
                "only one output can be - (stdout), not {options}",
                options=tuple(named),
            ),
            rule="CLI-USAGE",
        )
