"""The one place sp4n reads input files and writes output files.

Every command and loader goes through these functions, so a rule about files
holds everywhere at once (issue #11):

- `.reader`: UTF-8 only (rule INPUT-ENCODING, a byte-order mark at the
  start is tolerated), JSON with a bounded nesting depth and integer size
  (rule INPUT-JSON), JSON Lines streamed line by line, CSV with a bounded
  field size (rule INPUT-CSV);
- `.writer`: every output file is written to a temporary file in the
  same folder and renamed into place only when complete (rule OUTPUT-FILE),
  so a failed or interrupted run leaves what was on disk untouched.
"""

from sp4n._files.reader import (
    BOM,
    JSON_MAX_DEPTH,
    csv_table,
    decode_utf8,
    iter_text_lines,
    parse_json,
    read_bytes,
    read_text,
)
from sp4n._files.writer import atomic_text_writer, write_text_files

__all__ = [
    "BOM",
    "JSON_MAX_DEPTH",
    "atomic_text_writer",
    "csv_table",
    "decode_utf8",
    "iter_text_lines",
    "parse_json",
    "read_bytes",
    "read_text",
    "write_text_files",
]
