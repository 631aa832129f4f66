"""Extract, update and check the message catalogue of ``sp4n.i18n`` with Babel.

    python scripts/update_messages.py           # extract the template, merge into id.po
    python scripts/update_messages.py --check   # CI: fail if either is stale or incomplete

The same as these ``pybabel`` commands (from the repository root)::

    pybabel extract -F babel.toml -k declare:1c,2 -k declare_plural:1c,2,3 \
        -k Message:1c,2 --no-default-keywords --ignore-dirs='.* __pycache__' \
        --add-location=file --sort-output --no-wrap \
        --project sp4n -o src/sp4n/i18n/locale/sp4n.pot .
    pybabel update -i src/sp4n/i18n/locale/sp4n.pot -d src/sp4n/i18n/locale \
        -D sp4n -l id --ignore-obsolete --previous --no-wrap

then translate the new or fuzzy entries of ``src/sp4n/i18n/locale/id/LC_MESSAGES/sp4n.po``
(Indonesian ``msgstr``, remove ``#, fuzzy`` once reviewed) and run ``--check``.
A run that changes nothing but the dates and the Babel version leaves the files alone.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from sp4n.i18n import check_catalogue

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "sp4n" / "i18n" / "locale"
TEMPLATE = LOCALE / "sp4n.pot"
CATALOGUE = LOCALE / "id" / "LC_MESSAGES" / "sp4n.po"
DATE_HEADERS = ('"POT-Creation-Date:', '"PO-Revision-Date:', '"Generated-By:')


def _pybabel(*args: str) -> None:
    cwd = Path.cwd()
    os.chdir(ROOT)  # locations in the template are relative to the repository root
    try:
        CommandLineInterface().run(["pybabel", "--quiet", *args])
    finally:
        os.chdir(cwd)


def extract(output: Path) -> None:
    _pybabel(
        "extract",
        "-F",
        "babel.toml",
        "-k",
        "declare:1c,2",
        "-k",
        "declare_plural:1c,2,3",
        "-k",
        "Message:1c,2",
        "--no-default-keywords",
        "--ignore-dirs=.* __pycache__",  # Babel skips _private folders by default (sp4n/_files)
        "--add-location=file",
        "--sort-output",
        "--no-wrap",
        "--project",
        "sp4n",
        "--copyright-holder",
        "sp4n developers",
        "-o",
        str(output),
        ".",
    )


def update(template: Path, catalogue: Path) -> None:
    _pybabel(
        "update",
        "-i",
        str(template),
        "-o",
        str(catalogue),
        "-D",
        "sp4n",
        "-l",
        "id",
        "--ignore-obsolete",
        "--previous",
        "--no-wrap",
    )


def _content(path: Path) -> list[str]:
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    return [line for line in lines if not line.startswith(DATE_HEADERS)]


def _replace_if_changed(new: Path, old: Path) -> bool:
    if _content(new) == _content(old):
        return False
    old.parent.mkdir(parents=True, exist_ok=True)
    new.replace(old)
    return True


def run(check: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "sp4n.pot"
        catalogue = Path(tmp) / "sp4n.po"
        extract(template)
        catalogue.write_bytes(CATALOGUE.read_bytes())
        update(template, catalogue)
        stale = [
            str(path.relative_to(ROOT))
            for new, path in ((template, TEMPLATE), (catalogue, CATALOGUE))
            if _content(new) != _content(path)
        ]
        if not check:
            for new, path in ((template, TEMPLATE), (catalogue, CATALOGUE)):
                if _replace_if_changed(new, path):
                    print(f"updated {path.relative_to(ROOT)}")
            stale = []
    problems = check_catalogue()
    for name in stale:
        print(f"{name} is out of date: run scripts/update_messages.py", file=sys.stderr)
    for problem in problems:
        print(f"{CATALOGUE.relative_to(ROOT)}: {problem}", file=sys.stderr)
    return 1 if stale or problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    return run(parser.parse_args(argv).check)


if __name__ == "__main__":
    sys.exit(main())
