"""``sp4n demo``: the main job on embedded sample data.

Validates the embedded sample payloads and prints, for each, whether it was
accepted or which field broke which rule.
"""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from sp4n.models import ComplaintSubmission
from sp4n.payloads import PayloadResult, validate_json
from sp4n.sample import sample_payload_lines


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``demo`` sub-command."""
    parser = sub.add_parser(
        "demo", help="run the main job on embedded sample data", description=__doc__
    )
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


def _run(args: argparse.Namespace) -> int:  # noqa: ARG001 - uniform handler signature
    console = Console(width=None if Console().is_terminal else 120)
    results = [
        validate_json(text, line=number)
        for number, text in enumerate(sample_payload_lines(), start=1)
    ]
    console.print(validation_table(results))
    accepted = sum(r.ok for r in results)
    console.print(f"{accepted} diterima / accepted, {len(results) - accepted} ditolak / rejected")
    return 0
