r"""Reading input files: one set of rules for JSON, JSON Lines and CSV.

Rules (rulebook ``checks``; issue #11):

- INPUT-FILE: the file exists and can be read.
- INPUT-ENCODING: the file is UTF-8. Bytes that are not are refused in a
  ``.json`` file, a JSON Lines file and a CSV file alike (never replaced
  silently); the error names the line and byte, never the bytes. A UTF-8
  byte-order mark at the start of a file is skipped, as spreadsheet exports
  write one.
- INPUT-JSON: JSON nested at most `JSON_MAX_DEPTH` levels, integers of
  at most 4,300 digits (Python's own limit for turning text into a number),
  as pydantic-core parses it — the same parser that validates each JSON Lines
  row, so both forms accept the same documents.
- INPUT-CSV: CSV fields of at most the ``csv`` module's field limit (131,072
  characters); a longer field or a malformed row is refused with its line.

>>> parse_json(b"\xef\xbb\xbf{\"a\": [1, 2]}", source="x.json")
{'a': [1, 2]}
>>> parse_json("[" * 300 + "]" * 300, source="deep.json")
Traceback (most recent call last):
...
sp4n.errors.DataError: deep.json is not JSON: recursion limit exceeded at line 1 column 202
>>> decode_utf8(b"{\"a\": \"\xff\"}", source="x.jsonl", line=3)
Traceback (most recent call last):
...
sp4n.errors.DataError: x.jsonl is not UTF-8 (line 3, byte 7: invalid start byte)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pydantic_core

from sp4n.errors import DataError
from sp4n.i18n import Message

__all__ = [
    "BOM",
    "JSON_MAX_DEPTH",
    "csv_table",
    "decode_utf8",
    "iter_text_lines",
    "parse_json",
    "read_bytes",
    "read_text",
]

BOM: Final = "\ufeff"
"""The byte-order mark, as text: skipped at the start of a file."""

JSON_MAX_DEPTH: Final = 200
"""Deepest JSON nesting read (pydantic-core's limit); deeper is refused with INPUT-JSON."""

_BOM_BYTES: Final = BOM.encode("utf-8")


def decode_utf8(data: bytes, *, source: str, line: int | None = None) -> str:
    """``data`` as text: strict UTF-8 (rule INPUT-ENCODING), a leading BOM skipped.

    Args:
        data: The bytes of a file or of one of its lines.
        source: The file name, for the message.
        line: The line number, when ``data`` is one line (a BOM is skipped on line 1 only).

    Raises:
        DataError: the bytes are not UTF-8 (rule INPUT-ENCODING); the message
            names the line and byte offset, never the bytes themselves.
    """
    if line in (None, 1) and data.startswith(_BOM_BYTES):
        data = data[len(_BOM_BYTES) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f"line {line}, " if line is not None else ""
        raise DataError(
            Message(
                "INPUT-ENCODING.source-utf-8-where",
                "{source} is not UTF-8 ({where}byte {start}: {reason})",
                source=str(source),
                where=str(where),
                start=str(exc.start),
                reason=str(exc.reason),
            ),
            rule="INPUT-ENCODING",
        ) from None


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file.

    Raises:
        DataError: it cannot be read (rule INPUT-FILE).
    """
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DataError(
            Message(
                "INPUT-FILE.cannot-read-path-value",
                "cannot read {path}: {value}",
                path=str(path),
                value=str(exc.strerror or type(exc).__name__),
            ),
            rule="INPUT-FILE",
        ) from None


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 file, a leading BOM skipped.

    Raises:
        DataError: it cannot be read (INPUT-FILE) or is not UTF-8 (INPUT-ENCODING).
    """
    return decode_utf8(read_bytes(path), source=str(path))


def iter_text_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    r"""Stream ``(line number, text)`` of a file, one line at a time, newline removed.

    Lines end at ``\\n`` only (a U+2028 inside a JSON string does not split a
    row). The file is never held whole in memory.

    Raises:
        DataError: the file cannot be read (INPUT-FILE) or a line is not
            UTF-8 (INPUT-ENCODING, naming the line).
    """
    source = str(path)
    try:
        with Path(path).open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                yield number, decode_utf8(raw, source=source, line=number).rstrip("\r\n")
    except OSError as exc:
        raise DataError(
            Message(
                "INPUT-FILE.cannot-read-source-value",
                "cannot read {source}: {value}",
                source=str(source),
                value=str(exc.strerror or type(exc).__name__),
            ),
            rule="INPUT-FILE",
        ) from None


def parse_json(data: str | bytes, *, source: str) -> object:
    """Parse one JSON document with the limits of rule INPUT-JSON.

    Raises:
        DataError: not UTF-8 (INPUT-ENCODING), or not JSON, nested deeper
            than `JSON_MAX_DEPTH`, or an integer too long (INPUT-JSON);
            the message gives the position, never the content.
    """
    text = decode_utf8(data, source=source) if isinstance(data, bytes) else data.removeprefix(BOM)
    try:
        return pydantic_core.from_json(text)
    except ValueError as exc:
        raise DataError(
            Message(
                "INPUT-JSON.source-json-exc",
                "{source} is not JSON: {exc}",
                source=str(source),
                exc=str(exc),
            ),
            rule="INPUT-JSON",
        ) from None


def csv_table(
    text: str, *, source: str
) -> tuple[tuple[str, ...], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the rows (``(line, {column: cell})``) of CSV text.

    A leading BOM is skipped; a missing cell reads as ``""``; cells beyond the
    header are dropped. Rows are produced lazily.

    Raises:
        DataError: a malformed header or row, or a field longer than the
            ``csv`` module's limit (rule INPUT-CSV, with the line). Raised
            while iterating for rows.
    """
    reader = csv.reader(io.StringIO(text.removeprefix(BOM)))
    try:
        header = tuple(next(reader, ()))
    except csv.Error as exc:
        raise _csv_error(source, reader.line_num, exc) from None

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        try:
            for cells in reader:
                if not cells:
                    continue
                yield (
                    reader.line_num,
                    {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)},
                )
        except csv.Error as exc:
            raise _csv_error(source, reader.line_num, exc) from None

    return header, rows()


def _csv_error(source: str, line: int, exc: csv.Error) -> DataError:
    return DataError(
        Message(
            "INPUT-CSV.source-line-line-valid",
            "{source} line {line}: not valid CSV ({exc})",
            source=str(source),
            line=str(line),
            exc=str(exc),
        ),
        rule="INPUT-CSV",
    )
