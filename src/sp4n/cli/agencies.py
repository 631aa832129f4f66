"""``sp4n agencies``: list and search the agency hierarchy.

Filters combine: ``--name`` (text in the name or id), ``--kind`` and
``--region`` (agencies inside a Kemendagri region).
"""

from __future__ import annotations

import argparse

from rich.table import Table

from sp4n.cli._args import bounded_int, checked_region, console
from sp4n.cli.route import add_hierarchy_option, load_graph
from sp4n.models import Agency
from sp4n.vocabulary import AgencyKind


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``agencies`` sub-command."""
    parser = sub.add_parser("agencies", help="list or search agencies", description=__doc__)
    parser.add_argument("--name", metavar="TEXT", help="text in the agency name or id")
    parser.add_argument(
        "--kind", choices=[k.value for k in AgencyKind], type=str.upper, help="agency kind"
    )
    parser.add_argument("--region", metavar="CODE", help="only agencies inside this region")
    parser.add_argument(
        "--limit",
        type=bounded_int(0, 1_000_000, "a number of rows"),
        default=50,
        help="rows to show (default 50, 0: all)",
    )
    add_hierarchy_option(parser)
    parser.set_defaults(handler=run)


def agency_table(agencies: tuple[Agency, ...], total: int) -> Table:
    """The table of agencies with id, name, kind, region, parent and connection."""
    shown = f"{len(agencies)} of {total}" if len(agencies) < total else str(total)
    table = Table(title=f"Instansi / agencies ({shown})")
    for column in ("id", "nama / name", "jenis / kind", "wilayah", "induk / parent", "terhubung"):
        table.add_column(column, overflow="fold")
    for agency in agencies:
        table.add_row(
            agency.id,
            agency.name,
            agency.kind.label,
            agency.region_code or "-",
            agency.parent_id or "-",
            "ya" if agency.connected else "tidak",
        )
    return table


def run(args: argparse.Namespace) -> int:
    """Search and print; exit 2 for a malformed region code or an unusable hierarchy file."""
    region = checked_region(args.region)
    kind = None if args.kind is None else AgencyKind(args.kind)
    found = load_graph(args).search(text=args.name, kind=kind, region_code=region)
    limit: int = args.limit
    shown = found if limit <= 0 else found[:limit]
    console().print(agency_table(shown, len(found)))
    return 0
