"""``sp4n sample``: write generated sample reports as JSON Lines.

The reports come from [`sp4n.sample.generate_complaints`][sp4n.sample.generate_complaints] (seeded:
the
same ``--seed`` gives the same file), with full histories; feed them to
``sp4n monev`` or to the benchmark. ``--size`` is at most 1,000,000 (rule
CLI-USAGE). ``--out`` is written atomically: the file appears only when every
report is written, so a failure or Ctrl-C leaves what was there untouched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n.cli._args import bounded_int
from sp4n.cli._io import is_stdio, plain_help, say
from sp4n.i18n import Message
from sp4n.sample import generate_complaints, write_jsonl

__all__ = ["MAX_SIZE", "register"]

MAX_SIZE = 1_000_000
"""The largest ``--size`` (rule CLI-USAGE)."""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sample`` sub-command."""
    parser = sub.add_parser(
        "sample",
        help="write generated sample reports (JSON Lines)",
        description=plain_help(__doc__),
    )
    parser.add_argument(
        "--size",
        type=bounded_int(0, MAX_SIZE, Message("ui.cli.what.reports", "a number of reports")),
        default=2000,
        help=f"number of reports (at most {MAX_SIZE:,})",
    )
    parser.add_argument(
        "--seed",
        type=bounded_int(0, 2**63 - 1, Message("ui.cli.what.seed", "a seed")),
        default=0,
        help="random seed",
    )
    parser.add_argument("--out", type=Path, help="output file; - or none: standard output")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    complaints = generate_complaints(args.size, seed=args.seed)
    if args.out is None or is_stdio(args.out):
        write_jsonl(complaints, sys.stdout)
        return 0
    count = write_jsonl(complaints, args.out)
    written = Message(
        "ui.cli.sample.written",
        "{count} reports written to {path}",
        count=count,
        path=str(args.out),
    )
    print(say(written), file=sys.stderr)
    return 0
