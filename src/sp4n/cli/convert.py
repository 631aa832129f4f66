"""``sp4n convert IN.jsonl [IN2.jsonl.gz ...] OUT.parquet``: reports to Parquet for monev.

Each report is validated as a [`Complaint`][sp4n.models.Complaint] and its history
replayed by the lifecycle rules once; the valid ones are written to Parquet
(pyarrow, the ``sp4n[parquet]`` extra) with the columns monev needs, the full
report, and metadata naming the schema, sp4n and rulebook versions and the
hierarchy used. ``sp4n monev OUT.parquet`` then skips validation for this
file: the metadata is a claim, which ``sp4n monev --revalidate`` checks again.
A refused line is counted and skipped (exit code 1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n.cli._io import plain_help, say
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.monev.parquet import convert

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``convert`` sub-command."""
    parser = sub.add_parser(
        "convert",
        help="validate JSON Lines reports once and write them as Parquet for monev",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", type=Path, nargs="+", help=".jsonl or .jsonl.gz files")
    parser.add_argument("output", type=Path, help="the Parquet file to write (.parquet)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    inputs: list[Path] = args.input
    for path in inputs:
        if not path.is_file():
            raise DataError(
                Message("INPUT-FILE.missing", "no such file: {path}", path=str(path)),
                rule="INPUT-FILE",
                field="input",
            )
        if not path.name.endswith((".jsonl", ".jsonl.gz")):
            raise DataError(
                Message(
                    "INPUT-FILE.path-convert-reads-jsonl",
                    "{path}: convert reads .jsonl or .jsonl.gz files",
                    path=str(path),
                ),
                rule="INPUT-FILE",
                field="input",
            )
    output: Path = args.output
    if output.suffix != ".parquet":
        raise DataError(
            Message(
                "OUTPUT-FILE.output-output-parquet-file",
                "{output}: the output is a .parquet file",
                output=str(output),
            ),
            rule="OUTPUT-FILE",
            field="output",
        )
    done = convert(inputs, output)
    written = Message(
        "ui.cli.convert.written",
        "{count} report(s) written to {path}",
        count=done.rows,
        path=str(output),
    )
    print(say(written), file=sys.stderr)
    if done.refused:
        refused = Message(
            "ui.cli.monev.refused", count=done.refused, problems="; ".join(done.problems)
        )
        print(say(refused), file=sys.stderr)
        return 1
    if done.rows == 0:
        raise DataError(
            Message(
                "INPUT-EMPTY.no-report-join",
                "no report in {join}",
                join=str(", ".join(map(str, inputs))),
            ),
            rule="INPUT-EMPTY",
        )
    return 0
