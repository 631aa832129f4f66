"""``sp4n sample``: write generated sample reports as JSON Lines.

The reports come from :func:`sp4n.sample.generate_complaints` (seeded: the
same ``--seed`` gives the same file), with full histories; feed them to
``sp4n monev`` or to the benchmark.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n.sample import generate_complaints, write_jsonl

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``sample`` sub-command."""
    parser = sub.add_parser(
        "sample", help="write generated sample reports (JSON Lines)", description=__doc__
    )
    parser.add_argument("--size", type=int, default=2000, help="number of reports")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--out", type=Path, help="output file (default: standard output)")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    complaints = generate_complaints(args.size, seed=args.seed)
    if args.out is None:
        write_jsonl(complaints, sys.stdout)
        return 0
    count = write_jsonl(complaints, args.out)
    print(f"{count} reports written to {args.out}", file=sys.stderr)
    return 0
