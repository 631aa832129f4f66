"""``sp4n agencies``: list and search the agency hierarchy.

Filters combine: ``--name`` (text in the name or id), ``--kind`` and
``--region`` (agencies inside a Kemendagri region). ``--format json|csv``
prints the rows for programs (codes, ``connected`` as true/false).
"""

from __future__ import annotations

import argparse
from typing import Final

from sp4n.cli._args import bounded_int, checked_region
from sp4n.cli._io import Column, add_format_option, emit_table, plain_help, say
from sp4n.cli.route import add_hierarchy_option, load_graph
from sp4n.i18n import Message, label_id
from sp4n.models import Agency
from sp4n.vocabulary import AgencyKind


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``agencies`` sub-command."""
    parser = sub.add_parser(
        "agencies", help="list or search agencies", description=plain_help(__doc__)
    )
    parser.add_argument("--name", metavar="TEXT", help="text in the agency name or id")
    parser.add_argument(
        "--kind", choices=[k.value for k in AgencyKind], type=str.upper, help="agency kind"
    )
    parser.add_argument("--region", metavar="CODE", help="only agencies inside this region")
    parser.add_argument(
        "--limit",
        type=bounded_int(0, 1_000_000, Message("ui.cli.what.rows", "a number of rows")),
        default=50,
        help="rows to show (default 50, 0: all)",
    )
    add_hierarchy_option(parser)
    add_format_option(parser)
    parser.set_defaults(handler=run)


_COLUMNS: Final = (
    Column("id", Message("ui.cli.agencies.id", "id")),
    Column("name", Message("ui.cli.agencies.name", "name")),
    Column("kind", Message("ui.cli.agencies.kind", "kind")),
    Column("region_code", Message("ui.cli.agencies.region", "region")),
    Column("parent_id", Message("ui.cli.agencies.parent", "parent")),
    Column("connected", Message("ui.cli.agencies.connected", "connected")),
)


def agency_rows(agencies: tuple[Agency, ...], *, for_people: bool) -> list[dict[str, object]]:
    """One row per agency: labels and yes/no for people, codes and booleans for programs."""
    yes, no = say(Message("ui.cli.yes")), say(Message("ui.cli.no"))
    return [
        {
            "id": agency.id,
            "name": agency.name,
            "kind": say(Message(label_id(agency.kind))) if for_people else agency.kind.value,
            "region_code": agency.region_code or ("-" if for_people else None),
            "parent_id": agency.parent_id or ("-" if for_people else None),
            "connected": (yes if agency.connected else no) if for_people else agency.connected,
        }
        for agency in agencies
    ]


def run(args: argparse.Namespace) -> int:
    """Search and print; exit 2 for a malformed region code or an unusable hierarchy file."""
    region = checked_region(args.region)
    kind = None if args.kind is None else AgencyKind(args.kind)
    found = load_graph(args).search(text=args.name, kind=kind, region_code=region)
    limit: int = args.limit
    shown = found if limit <= 0 else found[:limit]
    rows = agency_rows(shown, for_people=args.format == "text")
    title = (
        Message(
            "ui.cli.agencies.title-some",
            "Agencies ({shown} of {total})",
            shown=len(shown),
            total=len(found),
        )
        if len(shown) < len(found)
        else Message("ui.cli.agencies.title", "Agencies ({total})", total=len(found))
    )
    emit_table(args.format, _COLUMNS, rows, title=title)
    return 0
