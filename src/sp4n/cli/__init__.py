"""The ``sp4n`` command line for integrators.

Each sub-command lives in its own module with a ``register(subparsers)``
function; this module only assembles them. Exit codes: 0 success, 1 the input
was read but breaks a rule (e.g. an invalid payload), 2 unusable input (missing
file, not JSON) or bad usage, 130 interrupted (Ctrl-C), 141 standard output
closed early (a broken pipe, as in ``sp4n sla f.jsonl | head -1``: the same
status whichever command ran, never 0 once output was lost). A user never sees
a traceback for bad input: every refusal is one line naming the rule.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Final, NoReturn

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
from sp4n.cli._io import add_lang_option, report_error, say, settle_lang, speaking
from sp4n.errors import SP4NError
from sp4n.i18n import Message

__all__ = ["main"]

EXIT_INTERRUPTED: Final = 130
"""Exit status after Ctrl-C (128 + SIGINT), as a shell reports it."""
EXIT_BROKEN_PIPE: Final = 141
"""Exit status when standard output was closed early (128 + SIGPIPE), as a shell reports it."""

_RULE_SUFFIX: Final = re.compile(r"\s*\[([A-Z][A-Z0-9-]*)\]$")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line with a rule id (exit 2)."""

    def error(self, message: str) -> NoReturn:
        match = _RULE_SUFFIX.search(message)
        rule = match.group(1) if match else "CLI-USAGE"
        text = _RULE_SUFFIX.sub("", message)
        word = say(Message("ui.cli.error", "error"))
        hint = say(Message("ui.cli.see-help", "see {prog} --help", prog=self.prog))
        self.exit(2, f"sp4n: {word} [{rule}]: {self.prog}: {text} ({hint})\n")


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
    parser: argparse.ArgumentParser = _Parser(
        prog="sp4n", description="Rules of SP4N-LAPOR!, the Indonesian complaint standard."
    )
    parser.add_argument("--version", action="version", version=f"sp4n {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in _COMMANDS:
        register(sub)
    _add_lang_everywhere(parser)
    return parser


def _add_lang_everywhere(parser: argparse.ArgumentParser) -> None:
    """Give every command (each leaf of the sub-command tree) the ``--lang`` option."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        add_lang_option(parser)
    for action in subs:
        for child in dict.fromkeys(action.choices.values()):
            _add_lang_everywhere(child)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (also used by ``python -m sp4n``).

    The one entry wrapper of every command: a refusal (``SP4NError``) is one
    line on stderr with its rule id and exit 2; Ctrl-C ends quietly with
    `EXIT_INTERRUPTED`; a closed standard output with
    `EXIT_BROKEN_PIPE`. Output files are written atomically by the
    commands, so neither leaves a partial file behind.
    """
    try:
        return _dispatch(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `sp4n sla f.jsonl | head -1`
        _detach_stdout()
        return EXIT_BROKEN_PIPE


def _dispatch(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(settle_lang(argv)):  # before parsing: usage errors speak it too
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        try:
            code = handler(args)
        except SP4NError as exc:
            code = report_error(exc)  # one line with the rule id, in the run's language
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
    return code


def _detach_stdout() -> None:
    """Point standard output at the null device, so the exit flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
