"""``sp4n schema [MODEL]``: print the JSON Schema of a payload model."""

from __future__ import annotations

import argparse
import sys

from sp4n.schema import MODELS, json_schema_text


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``schema`` sub-command."""
    parser = sub.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of a payload",
        description="Print the JSON Schema (draft 2020-12) of a payload model.",
    )
    parser.add_argument(
        "model", nargs="?", default="submission", choices=sorted(MODELS), help="default: submission"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    sys.stdout.write(json_schema_text(args.model))
    return 0
