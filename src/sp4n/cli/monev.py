"""``sp4n monev FILE...``: the monev report on your own reports.

Reads JSON Lines of ``Complaint`` (``.jsonl``, ``.jsonl.gz``), Parquet files
written by ``sp4n convert`` (``.parquet``), several files or folders. Each
report is validated and its history replayed by the lifecycle rules in the
same pass that collects its SLA clocks (a report that fails is counted and
skipped, exit code 1); a Parquet file written by ``sp4n convert`` is trusted
as validated (its metadata says so, which is a claim: ``--revalidate`` checks
it again). ``--workers N`` splits the input over N processes; ``--engine dask``
runs the same parts on a Dask cluster (``--scheduler ADDRESS``, else a local
one). Every engine gives the same result: a tracking id counts once (the
first valid line; repeats are refused, INPUT-DUPLICATE) and reports are
judged as of ``--now`` (later ones skipped, later events left out,
INPUT-AFTER-NOW). Prints the national summary, the
per-province table, the fairest top and bottom agencies and the SLA breaches;
``--html`` and ``--json`` write files. Both are written
atomically, both or neither, and only once a report is made (an input with
no usable report writes nothing, exit 2). ``--now`` and ``--period`` lie
within the years of the holiday data (rule CLI-USAGE).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sp4n.cli import _report
from sp4n.cli._args import bounded_int, console, instant, period, positive_int
from sp4n.cli._io import plain_help, say, spooled
from sp4n.cli._replay import ComplaintReader, input_notes
from sp4n.cli._store import StoreReader, add_db_option, require_one_source
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message, declare, resolve_lang
from sp4n.models import Complaint
from sp4n.monev import NATIONAL, MonevPipeline, MonevResult
from sp4n.monev.engines import ENGINES, evaluate
from sp4n.monev.render_text import print_report
from sp4n.monev.sources import MonevOptions
from sp4n.monev.tables import ReportSource, SourceFile
from sp4n.rulebook import Rulebook
from sp4n.scoring import Period
from sp4n.workdays import WorkingCalendar

__all__ = [
    "FileReader",
    "add_report_options",
    "console",
    "parse_period",
    "positive_int",
    "register",
    "write_outputs",
]

parse_period = period
"""``2024`` or ``YYYY-MM-DD..YYYY-MM-DD`` (see `sp4n.cli._args.period`)."""

FileReader = ComplaintReader
"""The reader of a complaint file (see `sp4n.cli._replay`)."""

_WITH_NOTES = declare("INPUT-EMPTY.with-notes", "{message}; {notes}")
"""An empty run's refusal followed by the notes on repeats and ``--now`` that explain it."""
_MIN_COUNT = bounded_int(0, 1_000_000, Message("ui.cli.what.minimum", "a minimum count"))


def _scope(text: str) -> str:
    if text == NATIONAL or re.fullmatch(r"\d{2}(\.\d{2})?", text):
        return text
    msg = f"a scope is 'national' or a province/regency code (61, 61.71), not {text!r}"
    raise argparse.ArgumentTypeError(msg)


def add_report_options(parser: argparse.ArgumentParser) -> None:
    """The options shared by ``monev`` and ``demo``: scope, period, outputs, ranking."""
    parser.add_argument("--scope", type=_scope, default=NATIONAL, help="national or region code")
    parser.add_argument("--period", type=parse_period, help="2024 or 2024-01-01..2024-06-30")
    parser.add_argument("--now", type=instant, help="evaluation instant (ISO with offset)")
    parser.add_argument(
        "--html", type=Path, help="write a self-contained HTML report here (- for stdout)"
    )
    parser.add_argument(
        "--json", type=Path, help="write machine-readable results here (- for stdout)"
    )
    parser.add_argument(
        "--top", type=positive_int, default=5, help="agencies in the top/bottom tables (>= 1)"
    )
    parser.add_argument("--min-count", type=_MIN_COUNT, help="override RANK-MIN-COUNT")
    parser.add_argument(
        "--rank-cutoff", type=instant, help="do not rank reports submitted at or after this"
    )
    _report.add_options(parser)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``monev`` sub-command."""
    parser = sub.add_parser(
        "monev",
        help="monev report on JSON Lines or Parquet files of reports",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        type=Path,
        nargs="*",
        help=".jsonl, .jsonl.gz or .parquet files (one Complaint a line / row), folders, "
        "or - for standard input (JSON Lines)",
    )
    add_db_option(parser)
    add_report_options(parser)
    parser.add_argument(
        "--workers",
        type=positive_int,
        default=None,
        help="processes (or Dask workers of a local cluster); default: the machine's cores",
    )
    parser.add_argument(
        "--engine", choices=ENGINES, default="local", help="local processes or a Dask cluster"
    )
    parser.add_argument(
        "--scheduler", help="address of a Dask scheduler (--engine dask); default: a local cluster"
    )
    parser.add_argument(
        "--revalidate",
        action="store_true",
        help="validate the reports of Parquet files written by sp4n convert again",
    )
    parser.set_defaults(handler=_run)


def progress(out: Console) -> Progress:
    """A progress bar, shown only on a terminal."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=out,
        transient=True,
        disable=not out.is_terminal,
    )


def default_now(args: argparse.Namespace) -> datetime:
    """``--now``, else the end of ``--period``; the library never reads the clock."""
    given: datetime | None = args.now
    if given is not None:
        return given
    period: Period | None = args.period
    if period is not None and period.end is not None:
        return period.end
    raise DataError(
        Message(
            "error.monev.give-now-period-whose",
            "give --now (or a --period, whose end is then used)",
        ),
        field="now",
    )


def build_pipeline(
    args: argparse.Namespace,
    graph: AgencyGraph,
    calendar: WorkingCalendar,
    now: datetime,
    plan: _report.ReportPlan | None = None,
) -> MonevPipeline:
    """The pipeline for the options given (``plan``: connectivity data, see ``_report``)."""
    return MonevPipeline(
        graph,
        now=now,
        scope=args.scope,
        period=args.period,
        calendar=calendar,
        rank_cutoff=args.rank_cutoff,
        min_count=args.min_count,
        connected=None if plan is None else plan.connected,
    )


def write_outputs(
    args: argparse.Namespace,
    result: MonevResult,
    out: Console,
    *,
    plan: _report.ReportPlan | None = None,
    source: ReportSource | None = None,
) -> None:
    """Write ``--json``, ``--html``, ``--csv``, ``--xlsx`` if asked (`sp4n.cli._report`).

    Raises:
        DataError: a file cannot be written (rule OUTPUT-FILE); none is written then.
    """
    plan = plan or _report.ReportPlan(resolve_lang(args.lang, default="id"), None)
    _report.write_report(args, result, out, plan=plan, source=source)


def report(
    args: argparse.Namespace,
    pipeline: MonevPipeline,
    complaints: Iterable[Complaint],
    out: Console,
) -> MonevResult:
    """Stream ``complaints`` into the pipeline, print the report, write the files."""
    pipeline.add_all(complaints)
    result = pipeline.result()
    print_report(out, result, top=args.top)
    write_outputs(args, result, out)
    return result


def _run(args: argparse.Namespace) -> int:
    out = console(stderr=_report.writes_stdout(args))  # stdout carries an output file then
    now = default_now(args)
    if args.db is not None:
        return _run_store(args, out, now)
    require_one_source(args.file or None, args.db, "FILE")
    plan = _report.prepare(args, AgencyGraph.indonesia())  # before any work (#14)
    options = MonevOptions(
        now=now,
        scope=args.scope,
        period=args.period,
        rank_cutoff=args.rank_cutoff,
        min_count=args.min_count,
        revalidate=args.revalidate,
        connected=plan.connected,
    )
    with progress(out) as bar, spooled(args.file) as files:

        def started(parts: int) -> Callable[[], None]:
            task = bar.add_task("reading", total=parts)
            return lambda: bar.advance(task)

        outcome = evaluate(
            files,
            options,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=started,
        )
    result = outcome.result
    notes = input_notes(  # repeats and --now, as sla words them (#11)
        duplicates=outcome.duplicates,
        duplicate_ids=outcome.duplicate_ids,
        after_now=outcome.after_now,
        as_of_now=outcome.as_of_now,
    )
    if result.seen == 0:  # before any output: an empty run writes no report (#11)
        empty = Message(
            "INPUT-EMPTY.no-report-join",
            "no report in {join}",
            join=str(", ".join(map(str, args.file))),
        )
        raise DataError(
            Message(_WITH_NOTES, message=empty, notes=tuple(notes)) if notes else empty,
            rule="INPUT-EMPTY",
        )
    names = ", ".join(path.name for path in args.file)
    read = result.seen + outcome.rejected
    source = ReportSource((SourceFile(names, read, outcome.rejected),))
    print_report(out, result, top=args.top, lang=plan.lang, source=source)
    write_outputs(args, result, out, plan=plan, source=source)
    for note in notes:  # notes go to standard error, like sla's (CLI-USAGE)
        print(say(note), file=sys.stderr)
    if outcome.rejected:
        _refused(outcome.rejected, outcome.problems)
        return 1
    return 0


def _refused(count: int, problems: Iterable[str]) -> None:
    """The refused reports, on standard error in the run's language."""
    refused = Message(
        "ui.cli.monev.refused",
        "{count} report(s) refused: {problems}",
        count=count,
        problems="; ".join(problems),
    )
    print(say(refused), file=sys.stderr)


def _run_store(args: argparse.Namespace, out: Console, now: datetime) -> int:
    """``--db URL``: the reports of the SQL store, through the streaming pipeline."""
    require_one_source(args.file or None, args.db, "FILE")
    graph = AgencyGraph.indonesia()
    calendar = WorkingCalendar.from_rulebook(Rulebook.default())
    plan = _report.prepare(args, graph)  # before any work: libraries, language, --connected
    reader = StoreReader(args.db, graph=graph, calendar=calendar)
    pipeline = build_pipeline(args, graph, calendar, now, plan)
    with progress(out) as bar:
        pipeline.add_all(reader.complaints(bar))
    result = pipeline.result()
    # One row per tracking id in the store (its primary key): no repeat to refuse.
    notes = input_notes(
        duplicates=0, duplicate_ids=(), after_now=pipeline.after_now, as_of_now=pipeline.as_of_now
    )
    if result.seen == 0:  # before any output: an empty run writes no report (#11)
        empty = Message("INPUT-EMPTY.no-report-store", "no report in the store")
        raise DataError(
            Message(_WITH_NOTES, message=empty, notes=tuple(notes)) if notes else empty,
            rule="INPUT-EMPTY",
        )
    source = ReportSource((SourceFile("store", result.seen + reader.rejected, reader.rejected),))
    print_report(out, result, top=args.top, lang=plan.lang, source=source)
    write_outputs(args, result, out, plan=plan, source=source)
    for note in notes:  # notes go to standard error, like sla's (CLI-USAGE)
        print(say(note), file=sys.stderr)
    if reader.rejected:
        _refused(reader.rejected, reader.problems)
        return 1
    return 0
