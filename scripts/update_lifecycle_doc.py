"""Rewrite the Mermaid state diagram embedded in a Markdown page from the rulebook.

    python scripts/update_lifecycle_doc.py                      # docs/explanation/lifecycle.md
    python scripts/update_lifecycle_doc.py PAGE.md [--rulebook FILE] [--check]

The diagram sits between the generated-block markers of the page
(``sp4n.lifecycle.DOC_BEGIN`` / ``DOC_END``); ``tests/test_lifecycle.py``
checks that the docs page is current. A developer tool, moved here from
``sp4n lifecycle --update-doc`` (issue #12: the CLI keeps what integrators
use). The page is written atomically (``sp4n._files``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n._files import write_text_files
from sp4n.lifecycle import update_doc
from sp4n.rulebook import Rulebook

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "explanation" / "lifecycle.md"


def run(page: Path, rulebook: Path | None, *, check: bool) -> int:
    """Update (or with ``check`` only compare) ``page``; 1 when it is stale and ``check``."""
    book = Rulebook.from_file(rulebook) if rulebook else Rulebook.default()
    text = page.read_text(encoding="utf-8")
    updated = update_doc(text, book)
    if updated == text:
        print(f"{page}: already current")
        return 0
    if check:
        print(f"{page}: out of date: run scripts/update_lifecycle_doc.py", file=sys.stderr)
        return 1
    write_text_files([(page, updated, "page")])
    print(f"{page}: updated")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, nargs="?", default=PAGE)
    parser.add_argument("--rulebook", type=Path, help="a rulebook JSON file")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    return run(args.page, args.rulebook, check=args.check)


if __name__ == "__main__":
    sys.exit(main())
