"""``sp4n demo``: the main job on embedded sample data.

Three sections: (a) validates the embedded sample payloads and prints, for
each, whether it was accepted or which field broke which rule; (b) for the
accepted ones, the competent agency found by routing and the verification
deadline (SLA-VERIFY); (c) generates a seeded sample of reports with full
histories (``--size``, ``--seed``), or reads ``--input FILE``, and prints the
monev report (national summary, provinces, fair ranking, SLA breaches).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime, time
from pathlib import Path
from typing import Final
from zoneinfo import ZoneInfo

from rich.table import Table
from rich.text import Text

from sp4n._types import generate_tracking_id
from sp4n.cli import _report
from sp4n.cli import monev as monev_cli
from sp4n.cli._args import bounded_int
from sp4n.cli._io import plain_help
from sp4n.cli._simulation import simulate, simulation_table
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Lang, Message, format_working_days, label
from sp4n.models import Complaint, ComplaintSubmission
from sp4n.monev.connected import ConnectedGovernments
from sp4n.monev.render_text import print_report
from sp4n.monev.tables import ReportSource, SourceFile
from sp4n.payloads import PayloadResult, validate_json
from sp4n.sample import generate_complaints, sample_payload_lines, sample_world
from sp4n.sla import deadlines
from sp4n.vocabulary import Stage
from sp4n.workdays import WIB, WorkingCalendar, zone_name

DEMO_NOW = datetime.combine(date(2025, 1, 14), time(12), WIB)
"""The instant the demo evaluates at (14 days after the generated year), unless ``--now``."""

MAX_SIZE = 100_000
"""The largest ``--size``: the demo holds its report in memory (rule CLI-USAGE)."""

_SEED = bounded_int(0, 2**63 - 1, Message("ui.cli.what.seed"))


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` sub-command."""
    parser = sub.add_parser(
        "demo", help="run the main job on embedded sample data", description=plain_help(__doc__)
    )
    parser.add_argument(
        "--size",
        type=bounded_int(1, MAX_SIZE, Message("ui.cli.what.reports")),
        default=2000,
        help=f"generated reports (default 2000, at most {MAX_SIZE:,})",
    )
    parser.add_argument("--seed", type=_SEED, default=0, help="seed of the generated sample")
    parser.add_argument("--input", type=Path, help="JSON Lines of Complaint payloads instead")
    monev_cli.add_report_options(parser)
    parser.set_defaults(handler=_run)


def _headers(table: Table, headers: tuple[Message, ...], lang: Lang) -> Table:
    for header in headers:
        table.add_column(header.text(lang), overflow="fold")
    return table


_VALIDATION: Final = (
    Message("ui.cli.demo.number", "#"),
    Message("ui.cli.demo.title", "title"),
    Message("ui.cli.demo.type", "type"),
    Message("ui.cli.demo.channel", "channel"),
    Message("ui.cli.demo.outcome", "outcome"),
    Message("ui.cli.demo.field", "field"),
    Message("ui.cli.demo.rule", "rule"),
)
_ROUTING: Final = (
    Message("ui.cli.demo.number"),
    Message("ui.cli.demo.category", "category"),
    Message("ui.cli.demo.routed-to", "routed to"),
    Message("ui.cli.demo.basis", "basis"),
    Message("ui.cli.demo.verify-by", "verification deadline"),
)


def validation_table(results: list[PayloadResult], lang: Lang = "en") -> Table:
    """The table of validation outcomes: accepted, or rejected with field and rule."""
    title = Message("ui.cli.demo.validation", "Sample payload validation")
    table = _headers(Table(title=title.text(lang)), _VALIDATION, lang)
    accepted = Message("ui.cli.demo.accepted", "accepted").text(lang)
    rejected = Message("ui.cli.demo.rejected", "rejected").text(lang)
    for result in results:
        model = result.model
        if isinstance(model, ComplaintSubmission):
            table.add_row(
                str(result.line),
                Text(model.title[:48]),
                label(model.type, lang),
                label(model.channel, lang),
                Text(accepted, style="green"),
                "",
                "",
            )
        else:
            first = result.problems[0]
            table.add_row(
                str(result.line),
                "",
                "",
                "",
                Text(rejected, style="red"),
                first.field or "-",
                first.rule,
            )
    return table


def routing_table(
    results: list[PayloadResult], graph: AgencyGraph, calendar: WorkingCalendar, lang: Lang = "en"
) -> Table:
    """For each accepted payload: the competent agency (routing) and the verification deadline."""
    title = Message("ui.cli.demo.routing", "Routing and verification deadline")
    table = _headers(Table(title=title.text(lang)), _ROUTING, lang)
    forwarded = Message("ui.cli.demo.forwarded", "misaddressed, forwarded").text(lang)
    for result in results:
        model = result.model
        if not isinstance(model, ComplaintSubmission):
            continue
        resolution = graph.resolve(model)
        complaint = Complaint.from_submission(
            model, tracking_id=generate_tracking_id(1_000 + result.line)
        )
        due = "-"
        for stage in deadlines(
            complaint, now=model.submitted_at, calendar=calendar, hierarchy=graph
        ):
            if stage.stage is Stage.VERIFICATION and stage.due_at is not None:
                zone = zone_name(ZoneInfo(stage.time_zone))
                limit = format_working_days(stage.limit, lang)
                due = f"{stage.due_date} 23:59 {zone} ({stage.rule}, {limit})"
        handler = resolution.handler
        routed = handler.name + (f" [{forwarded}]" if resolution.misaddressed else "")
        table.add_row(str(result.line), model.category, Text(routed), str(resolution.basis), due)
    return table


def _run(args: argparse.Namespace) -> int:
    console = monev_cli.console()
    world = None if args.input else sample_world(args.seed)
    graph = AgencyGraph.indonesia() if world is None else world.graph
    sample = (  # the sample world's connected governments, unless --connected
        None
        if world is None
        else ConnectedGovernments.from_hierarchy(
            world.graph, source=f"sample world (seed {args.seed})"
        )
    )
    plan = _report.prepare(args, graph, connected=sample)  # before any work
    results = [
        validate_json(text, line=number, lang=plan.lang)
        for number, text in enumerate(sample_payload_lines(), start=1)
    ]
    lang = plan.lang
    console.print(validation_table(results, lang))
    accepted = sum(r.ok for r in results)
    totals = Message(
        "ui.cli.demo.totals",
        "{accepted} accepted, {rejected} rejected",
        accepted=accepted,
        rejected=len(results) - accepted,
    )
    console.print(totals.text(lang))
    calendar = WorkingCalendar.indonesia()
    console.print(routing_table(results, graph, calendar, lang))
    simulated = [
        (r.line, *simulate(r.model, r.line, graph, calendar))
        for r in results
        if isinstance(r.model, ComplaintSubmission)
    ]
    console.print(simulation_table(simulated, lang))
    now = args.now or DEMO_NOW
    pipeline = monev_cli.build_pipeline(args, graph, calendar, now, plan)
    with monev_cli.progress(console) as bar:
        if args.input is not None:
            reader = monev_cli.FileReader(args.input, graph=graph, calendar=calendar, now=now)
            pipeline.add_all(reader.complaints(bar))
            source = Message(
                "ui.cli.demo.source-file",
                "{file} ({count} line(s) refused)",
                file=str(args.input),
                count=reader.rejected,
            )
            files = (SourceFile(args.input.name, pipeline.seen + reader.rejected, reader.rejected),)
            origin = ReportSource(files)
        else:
            generating = Message("ui.cli.demo.generating", "generating + scoring")
            task = bar.add_task(generating.text(lang), total=args.size)
            for complaint in generate_complaints(args.size, seed=args.seed, now=now):
                pipeline.add(complaint)
                bar.advance(task)
            source = Message(
                "ui.cli.demo.source-generated",
                "{size} generated reports (seed {seed})",
                size=str(args.size),
                seed=str(args.seed),
            )
            origin = ReportSource(generated=(args.size, args.seed))
    console.rule(f"Monev: {source.text(lang)}")
    result = pipeline.result()
    print_report(console, result, top=args.top, lang=plan.lang, source=origin)
    monev_cli.write_outputs(args, result, console, plan=plan, source=origin)
    return 0
