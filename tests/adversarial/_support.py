"""Shared pieces of the adversarial suite: running the CLI, a complaint file, personal data.

The personal data below is fictitious but valid (the NIK passes every ID-NIK
rule), so a payload carrying it validates; the suite then checks that none of
it comes back in an error, a repr or CLI output.
"""

import contextlib
import io
import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from sp4n.cli import main
from sp4n.models import Complaint
from sp4n.sample import generate_complaints, sample_payload_lines

NAME = "Budi Santoso"
NIK = "1607055203890001"
PHONE = "081234567890"
EMAIL = "budi.santoso@example.co.id"
NOW = "2025-01-14T12:00:00+07:00"

_LEAKS = (
    re.compile(r"budi\W*santoso", re.IGNORECASE),
    re.compile(r"santoso", re.IGNORECASE),
    re.compile(NIK),
    re.compile(r"8123\D?4567\D?890"),
    re.compile(re.escape(EMAIL), re.IGNORECASE),
)


_LATIN = "A-Za-z\u00c0-\u024f"  # the masker's word letters
_WORD_LEAKS = (
    re.compile(rf"(?<![{_LATIN}])budi\W*santoso(?![{_LATIN}])", re.IGNORECASE),
    re.compile(rf"(?<![{_LATIN}])santoso(?![{_LATIN}])", re.IGNORECASE),
    *_LEAKS[2:],
)


def leaks(text: str, *, inside_words: bool = True) -> list[str]:
    """The pieces of the personal data above found in ``text``.

    With ``inside_words=False`` a name glued to further Latin letters
    ("SANTOSOA") counts as another word, as the masker documents (so that
    "Daniel" does not hide "Ani"); digits, ``_`` and other scripts still glue.
    """
    patterns = _LEAKS if inside_words else _WORD_LEAKS
    return [m.group() for pattern in patterns for m in pattern.finditer(text)]


def reporter() -> dict[str, str]:
    """A reporter payload carrying all of the personal data above."""
    return {"name": NAME, "nik": NIK, "phone": PHONE, "email": EMAIL}


def submission(**changes: object) -> dict[str, object]:
    """The first sample payload with the reporter above and ``changes`` applied."""
    payload = json.loads(sample_payload_lines()[0])
    payload["reporter"] = reporter()
    payload.update(changes)
    return payload


def complaints(size: int, seed: int = 0) -> list[Complaint]:
    """``size`` generated complaints (valid histories, no event after :data:`NOW`)."""
    return list(itertools.islice(generate_complaints(size, seed=seed), size))


def jsonl(items: list[Complaint]) -> str:
    """Complaints as JSON Lines."""
    return "".join(c.model_dump_json(exclude_none=True) + "\n" for c in items)


def run(argv: list[str]) -> tuple[int, str, str]:
    """Run ``sp4n argv`` in this process: exit code (usage errors included), stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def spawn(argv: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    """``python -m sp4n argv`` as a separate process (signals, pipes)."""
    return subprocess.Popen(
        [sys.executable, "-m", "sp4n", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kwargs,  # type: ignore[call-overload]
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (to show nothing changed)."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def lines_of(text: str) -> Iterator[str]:
    """The non-empty lines of ``text``."""
    return (line for line in text.splitlines() if line.strip())
