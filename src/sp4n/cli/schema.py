"""``sp4n schema [MODEL] [--all] [--out DIR]``: print or publish the JSON Schemas.

Without ``--out`` the schema of one model is printed. With ``--out DIR`` the
schemas are written as ``DIR/<version>/<model>.schema.json`` (the layout of
their ``$id``, ADR 0003), each atomically; ``--all`` writes every model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n.schema import MODELS, json_schema_text, write_schemas


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` sub-command."""
    parser = sub.add_parser(
        "schema",
        help="print or write the JSON Schemas (draft 2020-12) of the payloads",
        description=(
            "Print the JSON Schema (draft 2020-12) of a payload model, or write versioned "
            "files DIR/<version>/<model>.schema.json with --out."
        ),
    )
    parser.add_argument(
        "model", nargs="?", choices=sorted(MODELS), help="default: submission (all with --all)"
    )
    parser.add_argument("--all", action="store_true", help="every model (needs --out)")
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="write DIR/<version>/<model>.schema.json"
    )
    parser.set_defaults(handler=_run, parser=parser)


def _run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    if args.all and args.model is not None:
        parser.error("give a MODEL or --all, not both")
    if args.all and args.out is None:
        parser.error("--all writes files: give --out DIR")
    if args.out is None:
        sys.stdout.write(json_schema_text(args.model or "submission"))
        return 0
    names = None if args.all else [args.model or "submission"]
    for path in write_schemas(args.out, names):
        sys.stdout.write(f"{path}\n")
    return 0
