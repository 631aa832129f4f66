"""``sp4n lifecycle``: the transition table and its Mermaid state diagram.

Both are generated from the rulebook (the package's, or ``--rulebook FILE``).
``--mermaid`` prints only the diagram; ``--update-doc PATH`` rewrites the
diagram embedded between the generated-block markers of a Markdown page (the
docs page ``docs/explanation/lifecycle.md`` is kept current this way).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sp4n._files import write_text_files
from sp4n.errors import DataError
from sp4n.i18n import Message
from sp4n.lifecycle import mermaid, state_table, update_doc
from sp4n.rulebook import Rulebook


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``lifecycle`` sub-command."""
    parser = sub.add_parser(
        "lifecycle",
        help="print the transition table and Mermaid state diagram",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--mermaid", action="store_true", help="print only the Mermaid diagram")
    parser.add_argument("--rulebook", type=Path, metavar="FILE", help="a rulebook JSON file")
    parser.add_argument(
        "--update-doc", type=Path, metavar="PATH", help="rewrite the diagram block in a page"
    )
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    book = Rulebook.from_file(args.rulebook) if args.rulebook else Rulebook.default()
    if args.update_doc is not None:
        path: Path = args.update_doc
        try:
            text = path.read_text(encoding="utf-8")
            updated = update_doc(text, book)
        except (OSError, ValueError) as exc:
            raise DataError(
                Message(
                    "INPUT-FILE.cannot-update-path-exc",
                    "cannot update {path}: {exc}",
                    path=str(path),
                    exc=str(exc),
                ),
                rule="INPUT-FILE",
            ) from exc
        if updated != text:
            write_text_files([(path, updated, "update_doc")])
        print(f"{path}: {'updated' if updated != text else 'already current'}")
        return 0
    if args.mermaid:
        print(mermaid(book), end="")
        return 0
    print(f"Transition table (rulebook {book.version})\n")
    print(state_table(book))
    print("```mermaid")
    print(mermaid(book), end="")
    print("```")
    return 0
