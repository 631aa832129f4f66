"""``sp4n lifecycle``: the transition table and its Mermaid state diagram.

Both are generated from the rulebook (the package's, or ``--rulebook FILE``).
``--mermaid`` prints only the diagram. (The docs page's copy of the diagram is
refreshed by ``scripts/update_lifecycle_doc.py``, a developer tool.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sp4n.cli._io import plain_help, say
from sp4n.i18n import Message
from sp4n.lifecycle import mermaid, state_table
from sp4n.rulebook import Rulebook


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``lifecycle`` sub-command."""
    parser = sub.add_parser(
        "lifecycle",
        help="print the transition table and Mermaid state diagram",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--mermaid", action="store_true", help="print only the Mermaid diagram")
    parser.add_argument("--rulebook", type=Path, metavar="FILE", help="a rulebook JSON file")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    book = Rulebook.from_file(args.rulebook) if args.rulebook else Rulebook.default()
    if args.mermaid:
        print(mermaid(book), end="")
        return 0
    title = Message(
        "ui.cli.lifecycle.title", "Transition table (rulebook {version})", version=book.version
    )
    print(f"{say(title)}\n")
    print(state_table(book))
    print("```mermaid")
    print(mermaid(book), end="")
    print("```")
    return 0
