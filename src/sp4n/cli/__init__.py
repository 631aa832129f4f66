"""The ``sp4n`` command line for integrators.

Each sub-command lives in its own module with a ``register(subparsers)``
function; this module only assembles them. Exit codes: 0 success, 1 the input
was read but breaks a rule (e.g. an invalid payload), 2 unusable input (missing
file, not JSON) or bad usage. A user never sees a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from sp4n import __version__
from sp4n.cli import (
    agencies,
    audit,
    convert,
    demo,
    lifecycle,
    monev,
    route,
    sample,
    schema,
    serve,
    sla,
    store,
    validate,
    workdays,
)
from sp4n.errors import SP4NError

__all__ = ["main"]

_COMMANDS: tuple[Callable[[argparse._SubParsersAction[argparse.ArgumentParser]], None], ...] = (
    agencies.register,
    audit.register,
    convert.register,
    demo.register,
    lifecycle.register,
    monev.register,
    route.register,
    sample.register,
    schema.register,
    serve.register,
    sla.register,
    store.register,
    validate.register,
    workdays.register,
)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="sp4n", description="Rules of SP4N-LAPOR!, the Indonesian complaint standard."
    )
    parser.add_argument("--version", action="version", version=f"sp4n {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _COMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (also used by ``python -m sp4n``)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except SP4NError as exc:
        rule = f" [{exc.rule}]" if exc.rule else ""
        print(f"sp4n: error{rule}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `sp4n schema | head`
        return 0
