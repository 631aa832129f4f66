"""``sp4n route``: which agency is competent for a category at a place, and why.

Prints the competent agency, its unit, the competence row and level that
matched, the reason and the fallback chain (unit → regional government →
province → national admin). Rule: standard.md §6 (no wrong door).
"""

from __future__ import annotations

import argparse
import json

from rich.table import Table

from sp4n.cli._args import checked_region, console
from sp4n.hierarchy import AgencyGraph, Resolution


def add_hierarchy_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--agencies FILE``: an own hierarchy in JSON or CSV instead of the default."""
    parser.add_argument(
        "--agencies",
        metavar="FILE",
        help="own agency hierarchy (.json or .csv, see docs/how-to/own-hierarchy.md); "
        "default: the embedded Indonesian hierarchy",
    )


def load_graph(args: argparse.Namespace) -> AgencyGraph:
    """The hierarchy named by ``--agencies``, or the default (``DataError`` if unusable)."""
    path: str | None = args.agencies
    return AgencyGraph.indonesia() if path is None else AgencyGraph.from_file(path)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``route`` sub-command."""
    parser = sub.add_parser(
        "route", help="resolve the competent agency for a category and region", description=__doc__
    )
    parser.add_argument("--category", required=True, help="category code, e.g. regency_road")
    parser.add_argument("--region", help="Kemendagri region code, e.g. 16.07 or 16.07.01")
    parser.add_argument("--target", metavar="ID", help="id of the agency the report was sent to")
    parser.add_argument("--json", action="store_true", help="print the resolution as JSON")
    add_hierarchy_option(parser)
    parser.set_defaults(handler=run)


def resolution_dict(resolution: Resolution) -> dict[str, object]:
    """The resolution as plain JSON-ready data (ids, codes and the reason)."""
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
        "reason": resolution.reason,
        "fallback": [a.id for a in resolution.fallback],
    }


def resolution_table(resolution: Resolution) -> Table:
    """A two-column table of the resolution."""
    table = Table(title="Penentuan kewenangan / jurisdiction", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    rule = resolution.rule
    unit = resolution.unit
    rows = [
        ("kategori / category", resolution.category),
        ("wilayah / region", resolution.effective_region or "-"),
        ("instansi / agency", f"{resolution.agency.name} ({resolution.agency.id})"),
        ("unit", "-" if unit is None else f"{unit.name} ({unit.id})"),
        ("disposisi ke / dispatch to", resolution.dispatch_to.id),
        ("tingkat / level", "-" if rule is None else str(rule.level)),
        ("urusan", "-" if rule is None else rule.urusan),
        ("sumber / source", "-" if rule is None else rule.source),
        ("dasar / basis", str(resolution.basis)),
        ("salah alamat / misaddressed", "ya / yes" if resolution.misaddressed else "tidak / no"),
        ("alasan / reason", resolution.reason),
        ("jalur cadangan / fallback", " → ".join(a.id for a in resolution.fallback)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def run(args: argparse.Namespace) -> int:
    """Resolve and print; exit 2 for a malformed region code or an unusable hierarchy file."""
    region = checked_region(args.region)
    resolution = load_graph(args).resolve_category(args.category, region, args.target)
    if args.json:
        print(json.dumps(resolution_dict(resolution), ensure_ascii=False, indent=2))
    else:
        console().print(resolution_table(resolution))
    return 0
