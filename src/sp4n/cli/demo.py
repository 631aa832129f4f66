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
from zoneinfo import ZoneInfo

from rich.table import Table

from sp4n._types import generate_tracking_id
from sp4n.cli import _report
from sp4n.cli import monev as monev_cli
from sp4n.cli._args import bounded_int
from sp4n.cli._simulation import simulate, simulation_table
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
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
        "demo", help="run the main job on embedded sample data", description=__doc__
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


def validation_table(results: list[PayloadResult]) -> Table:
    """The table of validation outcomes: accepted, or rejected with field and rule."""
    table = Table(title="Validasi laporan contoh / sample payload validation")
    for column in ("#", "judul / title", "jenis", "kanal", "hasil", "field", "rule"):
        table.add_column(column, overflow="fold")
    for result in results:
        model = result.model
        if isinstance(model, ComplaintSubmission):
            table.add_row(
                str(result.line),
                model.title[:48],
                model.type.label,
                model.channel.label,
                "[green]diterima / accepted[/]",
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
                "[red]ditolak / rejected[/]",
                first.field or "-",
                first.rule,
            )
    return table


def routing_table(
    results: list[PayloadResult], graph: AgencyGraph, calendar: WorkingCalendar
) -> Table:
    """For each accepted payload: the competent agency (routing) and the verification deadline."""
    table = Table(title="Rute dan batas verifikasi / routing and verification deadline")
    for column in ("#", "kategori", "instansi tujuan / routed to", "dasar", "batas verifikasi"):
        table.add_column(column, overflow="fold")
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
                due = f"{stage.due_date} 23:59 {zone} ({stage.rule}, {stage.limit} WD)"
        handler = resolution.handler
        routed = handler.name + (" [misaddressed → forwarded]" if resolution.misaddressed else "")
        table.add_row(str(result.line), model.category, routed, str(resolution.basis), due)
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
        validate_json(text, line=number)
        for number, text in enumerate(sample_payload_lines(), start=1)
    ]
    console.print(validation_table(results))
    accepted = sum(r.ok for r in results)
    console.print(f"{accepted} diterima / accepted, {len(results) - accepted} ditolak / rejected")
    calendar = WorkingCalendar.indonesia()
    console.print(routing_table(results, graph, calendar))
    simulated = [
        (r.line, *simulate(r.model, r.line, graph, calendar))
        for r in results
        if isinstance(r.model, ComplaintSubmission)
    ]
    console.print(simulation_table(simulated))
    now = args.now or DEMO_NOW
    pipeline = monev_cli.build_pipeline(args, graph, calendar, now, plan)
    with monev_cli.progress(console) as bar:
        if args.input is not None:
            reader = monev_cli.FileReader(args.input, graph=graph, calendar=calendar, now=now)
            pipeline.add_all(reader.complaints(bar))
            source = f"{args.input} ({reader.rejected} line(s) refused)"
            files = (SourceFile(args.input.name, pipeline.seen + reader.rejected, reader.rejected),)
            origin = ReportSource(files)
        else:
            task = bar.add_task("generating + scoring", total=args.size)
            for complaint in generate_complaints(args.size, seed=args.seed, now=now):
                pipeline.add(complaint)
                bar.advance(task)
            source = f"{args.size} generated reports (seed {args.seed})"
            origin = ReportSource(generated=(args.size, args.seed))
    console.rule(f"Monev: {source}")
    result = pipeline.result()
    print_report(console, result, top=args.top, lang=plan.lang, source=origin)
    monev_cli.write_outputs(args, result, console, plan=plan, source=origin)
    return 0
