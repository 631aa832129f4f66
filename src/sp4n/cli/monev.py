"""``sp4n monev FILE...``: the monev report on your own reports.

Reads JSON Lines of ``Complaint`` (``.jsonl``, ``.jsonl.gz``), Parquet files
written by ``sp4n convert`` (``.parquet``), several files or folders. Each
report is validated and its history replayed by the lifecycle rules in the
same pass that collects its SLA clocks (a report that fails is counted and
skipped, exit code 1); a Parquet file written by ``sp4n convert`` is trusted
as validated (its metadata says so, which is a claim: ``--revalidate`` checks
it again). ``--workers N`` splits the input over N processes; ``--engine dask``
runs the same parts on a Dask cluster (``--scheduler ADDRESS``, else a local
one). Every engine gives the same result. Prints the national summary, the
per-province table, the fairest top and bottom agencies and the SLA breaches;
``--html`` and ``--json`` write files.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sp4n.cli import _report
from sp4n.cli._args import console, instant
from sp4n.cli._store import StoreReader, add_db_option, require_one_source
from sp4n.errors import DataError, SP4NError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import resolve_lang
from sp4n.lifecycle import check_history
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
    "add_report_options",
    "console",
    "parse_period",
    "positive_int",
    "register",
    "write_outputs",
]

_PERIOD = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def parse_period(text: str) -> Period:
    """``2024`` (a calendar year) or ``YYYY-MM-DD..YYYY-MM-DD`` (inclusive), local WIB days.

    >>> parse_period("2024").end.isoformat()
    '2025-01-01T00:00:00+07:00'
    >>> parse_period("2024-03-01..2024-03-31").start.isoformat()
    '2024-03-01T00:00:00+07:00'
    """
    match = _PERIOD.match(text)
    if match is None and not (text.isdigit() and len(text) == 4):
        msg = f"a period is a year (2024) or YYYY-MM-DD..YYYY-MM-DD, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    try:
        if match is None:
            year = int(text)
            return Period.from_dates(date(year, 1, 1), date(year, 12, 31))
        first, last = (date.fromisoformat(g) for g in match.groups())
        return Period.from_dates(first, last)
    except (ValueError, OverflowError, SP4NError) as exc:  # 9999: its end is unrepresentable
        msg = f"period {text!r} is out of range: {exc}"
        raise argparse.ArgumentTypeError(msg) from None


def positive_int(text: str) -> int:
    """An ``argparse`` type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        msg = f"expected a whole number of at least 1, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


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
    parser.add_argument("--html", type=Path, help="write a self-contained HTML report here")
    parser.add_argument("--json", type=Path, help="write machine-readable results here")
    parser.add_argument(
        "--top", type=positive_int, default=5, help="agencies in the top/bottom tables (>= 1)"
    )
    parser.add_argument("--min-count", type=int, help="override RANK-MIN-COUNT")
    parser.add_argument(
        "--rank-cutoff", type=instant, help="do not rank reports submitted at or after this"
    )
    _report.add_options(parser)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``monev`` sub-command."""
    parser = sub.add_parser(
        "monev",
        help="monev report on JSON Lines or Parquet files of reports",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file",
        type=Path,
        nargs="*",
        help=".jsonl, .jsonl.gz or .parquet files (one Complaint a line / row), or folders",
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


class FileReader:
    """Stream a JSON Lines file of complaints: validate, replay, count the refusals."""

    def __init__(self, path: Path, *, graph: AgencyGraph, calendar: WorkingCalendar) -> None:
        if not path.is_file():
            msg = f"no such file: {path}"
            raise DataError(msg, rule="INPUT-FILE")
        self.path, self.graph, self.calendar = path, graph, calendar
        self.rejected = 0
        self.problems: list[str] = []

    def complaints(self, bar: Progress | None = None) -> Iterator[Complaint]:
        """The valid complaints, in file order."""
        task = None if bar is None else bar.add_task("reading", total=self.path.stat().st_size)
        with self.path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if bar is not None and task is not None:
                    bar.advance(task, len(raw))
                if not raw.strip():
                    continue
                complaint = self._parse(number, raw)
                if complaint is not None:
                    yield complaint

    def _parse(self, number: int, raw: bytes) -> Complaint | None:
        try:
            complaint = Complaint.model_validate_json(raw)
            check_history(complaint, hierarchy=self.graph, calendar=self.calendar)
        except ValidationError as exc:
            self._refuse(number, str(exc.errors()[0]["msg"]))
            return None
        except SP4NError as exc:
            self._refuse(number, f"{exc} [{exc.rule}]")
            return None
        return complaint

    def _refuse(self, number: int, why: str) -> None:
        self.rejected += 1
        if len(self.problems) < 5:
            self.problems.append(f"line {number}: {why}")


def default_now(args: argparse.Namespace) -> datetime:
    """``--now``, else the end of ``--period``; the library never reads the clock."""
    given: datetime | None = args.now
    if given is not None:
        return given
    period: Period | None = args.period
    if period is not None and period.end is not None:
        return period.end
    msg = "give --now (or a --period, whose end is then used)"
    raise DataError(msg, field="now")


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
    """Write ``--json``, ``--html``, ``--csv``, ``--xlsx`` if asked (:mod:`sp4n.cli._report`).

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
    out = console()
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
    with progress(out) as bar:

        def started(parts: int) -> Callable[[], None]:
            task = bar.add_task("reading", total=parts)
            return lambda: bar.advance(task)

        outcome = evaluate(
            args.file,
            options,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            progress=started,
        )
    result = outcome.result
    names = ", ".join(path.name for path in args.file)
    read = result.seen + outcome.rejected
    source = ReportSource((SourceFile(names, read, outcome.rejected),))
    print_report(out, result, top=args.top, lang=plan.lang, source=source)
    write_outputs(args, result, out, plan=plan, source=source)
    if outcome.rejected:
        out.print(f"[red]{outcome.rejected} report(s) refused[/]: " + "; ".join(outcome.problems))
        return 1
    if result.seen == 0:
        msg = f"no report in {', '.join(map(str, args.file))}"
        raise DataError(msg, rule="INPUT-EMPTY")
    return 0


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
    source = ReportSource((SourceFile("store", result.seen + reader.rejected, reader.rejected),))
    print_report(out, result, top=args.top, lang=plan.lang, source=source)
    write_outputs(args, result, out, plan=plan, source=source)
    if reader.rejected:
        out.print(f"[red]{reader.rejected} line(s) refused[/]: " + "; ".join(reader.problems))
        return 1
    if result.seen == 0:
        msg = "no report in the store"
        raise DataError(msg, rule="INPUT-EMPTY")
    return 0
