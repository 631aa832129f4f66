"""``sp4n validate FILE...``: validate JSON or JSON Lines payloads.

Prints each problem as ``line/field: rule: message`` (prefixed by the file when
several are given), in the language of ``--lang``; ``--format json`` prints one
object per problem (file, line, field, rule, message) instead. ``-`` reads the
payloads from standard input. The summary goes to standard error. Exit 0 when
all payloads are valid, 1 when any is invalid, 2 on unusable input (missing
file, a ``.json`` file that is not JSON, a file with no payload).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

from sp4n.cli._io import plain_help, run_lang, say, spooled
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.payloads import iter_payloads, validate_json
from sp4n.schema import MODELS

_PROGRESS_MIN_BYTES = 5_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``validate`` sub-command."""
    parser = sub.add_parser(
        "validate",
        help="validate JSON / JSON Lines payloads",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="a file, or - for stdin"
    )
    parser.add_argument("--model", default="submission", choices=sorted(MODELS))
    parser.add_argument("--quiet", action="store_true", help="print only the summary line")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one line per problem (default); json: one JSON object per problem",
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: for large files on a terminal)",
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    with spooled(args.files) as files:
        return _validate(args, files)


def _validate(args: argparse.Namespace, files: list[Path]) -> int:
    total = invalid = 0
    lang = run_lang()
    for given, path in zip(args.files, files, strict=True):
        if not path.is_file():
            raise DataError(
                Message("INPUT-FILE.missing", "no such file: {path}", path=str(given)),
                rule="INPUT-FILE",
            )
        prefix = f"{given}:" if len(files) > 1 else ""
        show_bar = args.progress
        if show_bar is None:
            show_bar = sys.stderr.isatty() and path.stat().st_size >= _PROGRESS_MIN_BYTES
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            console=Console(stderr=True),
            disable=not show_bar,
            transient=True,
        ) as progress:
            task = progress.add_task(path.name, total=path.stat().st_size)
            for line, text in iter_payloads(path):
                total += 1
                result = validate_json(text, model=args.model, line=line, lang=lang)
                progress.advance(task, len(text) + 1)
                if result.ok:
                    continue
                invalid += 1
                if args.quiet:
                    continue
                for problem in result.problems:
                    if args.format == "json":
                        row = {"file": str(given), "line": problem.line, "field": problem.field}
                        row |= {"rule": problem.rule, "message": problem.message}
                        print(json.dumps(row, ensure_ascii=False))
                    else:
                        print(f"{prefix}{problem}")
    if total == 0:
        raise DataError(
            Message("INPUT-EMPTY.no-payload-found-input", "no payload found in the input"),
            rule="INPUT-EMPTY",
        )
    summary = Message(
        "ui.cli.validate.summary",
        "{valid} valid, {invalid} invalid",
        valid=total - invalid,
        invalid=invalid,
    )
    print(say(summary), file=sys.stderr)
    return 1 if invalid else 0
