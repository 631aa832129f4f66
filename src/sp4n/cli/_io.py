"""The conventions every sub-command shares: language, ``-`` for standard streams, formats.

Rule CLI-USAGE (issue #12, "CLI conventions"):

- *Language.* Each command takes ``--lang id|en``; without it ``SP4N_LANG``,
  then the locale (``id_*`` is Indonesian) decide ([`resolve_lang`][sp4n.i18n.resolve_lang]).
  Output, table headers (one language at a time), refusal lines and hints come
  from the message catalogue in that language. The language of a run is
  settled once, before the arguments are checked, so that usage errors speak
  it too (``run_lang``).
- *Standard streams.* ``-`` in place of an input file reads standard input;
  in place of an output file (``--json -``, ``--out -``) writes standard
  output. An input from standard input is spooled to a private temporary file
  first, so every reader (byte ranges for workers, sizes for progress bars)
  works on it unchanged. A folder (``--csv DIR``, ``schema --out DIR``) is
  never ``-``.
- *Formats.* Table commands take ``--format text|json|csv``: ``text`` is a
  table for people (headers in the run's language), ``json`` and ``csv`` are
  for programs (stable column keys, values as codes).
- *Streams.* Results go to standard output; refused lines, warnings and
  notes go to standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Final, Literal, TypeAlias

import attrs
from rich.table import Table
from rich.text import Text

from sp4n.errors import SP4NError
from sp4n.i18n import DEFAULT_LANG, Lang, Message, resolve_lang

__all__ = [
    "FORMATS",
    "STDIO",
    "Column",
    "Format",
    "add_format_option",
    "add_lang_option",
    "emit_table",
    "is_stdio",
    "plain_help",
    "refuse",
    "report_error",
    "run_lang",
    "say",
    "speaking",
    "spooled",
    "warn",
]

STDIO: Final = "-"
"""The file name that means standard input (for an input) or standard output (an output)."""

Format: TypeAlias = Literal["text", "json", "csv"]
FORMATS: Final[tuple[Format, ...]] = ("text", "json", "csv")

_RUN_LANG: ContextVar[Lang] = ContextVar("sp4n_cli_lang", default=DEFAULT_LANG)


@contextlib.contextmanager
def speaking(lang: Lang) -> Iterator[None]:
    """Run the block in ``lang`` (the CLI's entry wrapper does it once per run)."""
    token = _RUN_LANG.set(lang)
    try:
        yield
    finally:
        _RUN_LANG.reset(token)


def run_lang() -> Lang:
    """The language of this run: ``--lang``, ``SP4N_LANG``, the locale, else English."""
    return _RUN_LANG.get()


def lang_from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv`` (``--lang id`` or ``--lang=id``), if any.

    >>> lang_from_argv(["sla", "f.jsonl", "--lang=id"]), lang_from_argv(["route"])
    ('id', None)
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.removeprefix("--lang=")
    return None


def settle_lang(argv: Sequence[str], *, default: Lang = DEFAULT_LANG) -> Lang:
    """The run's language from ``argv`` and the environment; a bad value falls back to ``default``.

    The parser reports an unknown ``--lang`` value itself; here it only must
    not stop the language being settled for that very report.
    """
    option = lang_from_argv(argv)
    try:
        return resolve_lang(option if option in {"id", "en"} else None)
    except ValueError:  # an unknown SP4N_LANG: reported by the command that reads it
        return default


def say(message: Message) -> str:
    """``message`` in the run's language."""
    return message.text(run_lang())


def warn(message: Message, rule: str | None = None) -> None:
    """A warning on standard error: ``sp4n: warning [RULE]: …`` in the run's language."""
    word = say(Message("ui.cli.warning", "warning"))
    tag = f" [{rule}]" if rule else ""
    print(f"sp4n: {word}{tag}: {say(message)}", file=sys.stderr)


def report_error(exc: SP4NError) -> int:
    """Print a refusal as the entry wrapper does (``sp4n: error [RULE]: …``); returns 2.

    One line on standard error in the run's language, whatever the message holds.
    """
    rule = f" [{exc.rule}]" if exc.rule else ""
    text = " ".join(exc.text(run_lang()).split())
    print(f"sp4n: {say(Message('ui.cli.error'))}{rule}: {text}", file=sys.stderr)
    return 2


def refuse(message: Message) -> argparse.ArgumentTypeError:
    """A usage error for ``argparse`` in the run's language, tagged with rule CLI-USAGE."""
    return argparse.ArgumentTypeError(f"{say(message)} [CLI-USAGE]")


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--lang id|en`` unless the parser has it (``monev``/``demo`` have their own)."""
    if "--lang" in parser._option_string_actions:
        return
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        help="language of the output: id (Bahasa Indonesia) or en (English); "
        "default: SP4N_LANG, then the locale, else en",
    )


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--format text|json|csv`` (a table command)."""
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: a table for people (default); json or csv: for programs",
    )


_ROLE: Final = re.compile(r":(?:py:)?(?:mod|func|class|meth|data|attr|exc):`~?([^`]+)`")
_LITERAL: Final = re.compile(r"``([^`]+)``")


def plain_help(doc: str | None) -> str:
    r"""A module docstring as ``--help`` text: no reST markup, no ``Rule:`` line.

    >>> role = ":" + "mod:"  # a Sphinx role, spelled so the docs check does not see one here
    >>> plain_help("``sp4n sla``: see " + role + "`sp4n.cli._replay`.\nRule: standard.md §5.")
    'sp4n sla: see sp4n.cli._replay.'
    """
    text = _ROLE.sub(r"\1", _LITERAL.sub(r"\1", doc or ""))
    lines = [line for line in text.splitlines() if not line.strip().startswith("Rule:")]
    return "\n".join(lines).strip()


def is_stdio(path: object) -> bool:
    """Whether a file argument is ``-`` (standard input or output)."""
    return str(path) == STDIO


@contextlib.contextmanager
def spooled(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """``paths`` with ``-`` replaced by a private temporary copy of standard input.

    The copy is named ``stdin.jsonl`` (or ``stdin.json`` when the data starts
    with ``[``, so a JSON array reads as one document) in a folder only this
    user can read, and removed afterwards. Standard input is read once.
    """
    if not any(is_stdio(p) for p in paths):
        yield list(paths)
        return
    with tempfile.TemporaryDirectory(prefix="sp4n-stdin-") as folder:
        head = sys.stdin.buffer.peek(1)[:1] if hasattr(sys.stdin.buffer, "peek") else b""
        name = "stdin.json" if head.lstrip()[:1] == b"[" else "stdin.jsonl"
        target = Path(folder) / name
        with target.open("wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out)
        yield [target if is_stdio(p) else p for p in paths]


@attrs.frozen
class Column:
    """A column of a table command: its stable key (json/csv) and its header (text)."""

    key: str
    header: Message


def emit_table(
    fmt: Format,
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, object]],
    *,
    title: Message | None = None,
) -> None:
    """Print ``rows`` to standard output as a table, a JSON array or CSV.

    ``text`` shows the headers and title in the run's language; ``json`` is an
    array of objects keyed by the columns' keys; ``csv`` has the keys as its
    header row. Values are printed as given (``None`` is empty / ``null``); a
    rich ``Text`` keeps its style in ``text`` and is plain text elsewhere.
    """
    if fmt == "json":
        data = [{c.key: _plain(row.get(c.key)) for c in columns} for row in rows]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.key for c in columns])
        for row in rows:
            writer.writerow([_cell(row.get(c.key)) for c in columns])
        sys.stdout.write(buffer.getvalue())
        return
    from sp4n.cli._args import console  # noqa: PLC0415 - _args imports this module

    table = Table(title=None if title is None else say(title))
    for column in columns:
        table.add_column(say(column.header), overflow="fold")
    for row in rows:
        table.add_row(*(_text(row.get(c.key)) for c in columns))
    console().print(table)


def _plain(value: object) -> object:
    return value.plain if isinstance(value, Text) else value


def _cell(value: object) -> str:
    value = _plain(value)
    return "" if value is None else str(value)


def _text(value: object) -> Text:
    """A cell for rich: styled ``Text`` as given, anything else literally (no markup)."""
    return value if isinstance(value, Text) else Text(_cell(value))
