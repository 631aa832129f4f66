"""``sp4n route``: which agency is competent for a category at a place, and why.

Prints the competent agency, its unit, the competence row and level that
matched, the reason and the fallback chain (unit → regional government →
province → national admin), in the language of ``--lang``. ``--format json``
(or ``--json``) prints it as JSON, ``--format csv`` as one CSV row.
Rule: standard.md §6 (no wrong door).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Final

from rich.table import Table
from rich.text import Text

from sp4n.cli._args import checked_region, console
from sp4n.cli._io import (
    Column,
    add_format_option,
    emit_table,
    is_stdio,
    plain_help,
    run_lang,
)
from sp4n.hierarchy import AgencyGraph, Resolution
from sp4n.i18n import Lang, Message, translate


def add_hierarchy_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--agencies FILE``: an own hierarchy in JSON or CSV instead of the default."""
    parser.add_argument(
        "--agencies",
        metavar="FILE",
        help="own agency hierarchy (.json or .csv, see docs/how-to/own-hierarchy.md; "
        "- reads standard input); default: the embedded Indonesian hierarchy",
    )


def load_graph(args: argparse.Namespace) -> AgencyGraph:
    """The hierarchy named by ``--agencies``, or the default (``DataError`` if unusable)."""
    path: str | None = args.agencies
    if path is None:
        return AgencyGraph.indonesia()
    if is_stdio(path):
        data = sys.stdin.buffer.read()
        suffix = ".json" if data.lstrip()[:1] in (b"{", b"[") else ".csv"
        with tempfile.TemporaryDirectory(prefix="sp4n-stdin-") as folder:
            spooled = Path(folder) / f"stdin{suffix}"
            spooled.write_bytes(data)
            return AgencyGraph.from_file(spooled)
    return AgencyGraph.from_file(path)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``route`` sub-command."""
    parser = sub.add_parser(
        "route",
        help="resolve the competent agency for a category and region",
        description=plain_help(__doc__),
    )
    parser.add_argument("--category", required=True, help="category code, e.g. regency_road")
    parser.add_argument("--region", help="Kemendagri region code, e.g. 16.07 or 16.07.01")
    parser.add_argument("--target", metavar="ID", help="id of the agency the report was sent to")
    parser.add_argument("--json", action="store_true", help="the same as --format json")
    add_format_option(parser)
    add_hierarchy_option(parser)
    parser.set_defaults(handler=run)


def resolution_dict(resolution: Resolution, lang: Lang = "en") -> dict[str, object]:
    """The resolution as plain JSON-ready data (ids, codes, the reason in ``lang``)."""
    rule = resolution.rule
    return {
        "category": resolution.category,
        "region_code": resolution.region_code,
        "effective_region": resolution.effective_region,
        "agency": resolution.agency.id,
        "agency_name": resolution.agency.name,
        "unit": None if resolution.unit is None else resolution.unit.id,
        "dispatch_to": resolution.dispatch_to.id,
        "level": None if rule is None else str(rule.level),
        "urusan": None if rule is None else rule.urusan,
        "source": None if rule is None else rule.source,
        "basis": str(resolution.basis),
        "misaddressed": resolution.misaddressed,
        "reason": resolution.reason_text(lang),
        "reason_ids": [note.msgid for note in resolution.reasons],
        "fallback": [a.id for a in resolution.fallback],
    }


def resolution_table(resolution: Resolution, lang: Lang = "en") -> Table:
    """A two-column table of the resolution, its labels in ``lang``."""
    table = Table(title=translate("ui.cli.route.title", lang), show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    rule = resolution.rule
    unit = resolution.unit
    yes_no = "ui.cli.yes" if resolution.misaddressed else "ui.cli.no"
    rows = [
        (_ROW_LABELS[0], resolution.category),
        (_ROW_LABELS[1], resolution.effective_region or "-"),
        (_ROW_LABELS[2], f"{resolution.agency.name} ({resolution.agency.id})"),
        (_ROW_LABELS[3], "-" if unit is None else f"{unit.name} ({unit.id})"),
        (_ROW_LABELS[4], resolution.dispatch_to.id),
        (_ROW_LABELS[5], "-" if rule is None else str(rule.level)),
        (_ROW_LABELS[6], "-" if rule is None else rule.urusan),
        (_ROW_LABELS[7], "-" if rule is None else rule.source),
        (_ROW_LABELS[8], str(resolution.basis)),
        (_ROW_LABELS[9], translate(yes_no, lang)),
        (_ROW_LABELS[10], resolution.reason_text(lang)),
        (_ROW_LABELS[11], " → ".join(a.id for a in resolution.fallback)),
    ]
    for name, value in rows:
        table.add_row(name.text(lang), Text(value))
    return table


_ROW_LABELS: Final = (
    Message("ui.cli.route.category", "category"),
    Message("ui.cli.route.region", "region"),
    Message("ui.cli.route.agency", "agency"),
    Message("ui.cli.route.unit", "unit"),
    Message("ui.cli.route.dispatch-to", "dispatch to"),
    Message("ui.cli.route.level", "level"),
    Message("ui.cli.route.affair", "affair (urusan)"),
    Message("ui.cli.route.source", "source"),
    Message("ui.cli.route.basis", "basis"),
    Message("ui.cli.route.misaddressed", "misaddressed"),
    Message("ui.cli.route.reason", "reason"),
    Message("ui.cli.route.fallback", "fallback chain"),
)
_WORDS: Final = (
    Message("ui.cli.route.title", "Jurisdiction"),
    Message("ui.cli.yes", "yes"),
    Message("ui.cli.no", "no"),
)


def run(args: argparse.Namespace) -> int:
    """Resolve and print; exit 2 for a malformed region code or an unusable hierarchy file."""
    region = checked_region(args.region)
    resolution = load_graph(args).resolve_category(args.category, region, args.target)
    lang = run_lang()
    fmt = "json" if args.json else args.format
    data = resolution_dict(resolution, lang)
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        flat = {k: " ".join(v) if isinstance(v, list) else v for k, v in data.items()}
        columns = [Column(key, Message("ui.cli.route.category")) for key in flat]
        emit_table("csv", columns, [flat])
    else:
        console().print(resolution_table(resolution, lang))
    return 0
