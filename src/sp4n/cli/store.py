"""``sp4n store``: create or upgrade a store's tables, import reports into it (``sp4n[store]``).

``sp4n store migrate --db URL`` brings the database to the schema this sp4n
ships (Alembic, run from the package). ``sp4n store import FILE --db URL``
stores a JSON Lines file of complaints with their histories, each replayed
through the lifecycle first; one transaction per report, so an interrupted
import leaves whole reports only and a rerun skips those already stored.
Exit 0 when every line was stored or skipped, 1 when some were refused,
2 for unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

from sp4n.cli._args import console
from sp4n.cli._io import plain_help, say
from sp4n.cli._store import add_db_option, open_store
from sp4n.errors import DataError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message
from sp4n.models import Complaint

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``store`` sub-command (``migrate``, ``import``)."""
    parser = sub.add_parser(
        "store",
        help="create, upgrade or fill a report store (SQLite or PostgreSQL)",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    migrate = actions.add_parser("migrate", help="create or upgrade the store's tables")
    add_db_option(migrate, required=True)
    migrate.set_defaults(handler=_migrate)
    load = actions.add_parser("import", help="import a JSON Lines file of complaints")
    load.add_argument("file", type=Path, metavar="FILE")
    add_db_option(load, required=True)
    load.set_defaults(handler=_import)


def _migrate(args: argparse.Namespace) -> int:
    from sp4n.store import current_revision  # noqa: PLC0415 - optional extra

    store = open_store(args.db, migrate=True)
    try:
        revision = Message(
            "ui.cli.store.revision",
            "store at schema revision {revision}",
            revision=str(current_revision(store.engine)),
        )
        console().print(say(revision), markup=False)
    finally:
        store.close()
    return 0


def _import(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.is_file():
        raise DataError(
            Message("INPUT-FILE.missing", "no such file: {path}", path=str(path)),
            rule="INPUT-FILE",
        )
    store = open_store(args.db, migrate=True, hierarchy=AgencyGraph.indonesia())
    out = console()
    imported = skipped = refused = 0
    problems: list[str] = []
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    complaint = Complaint.model_validate_json(raw)
                except ValidationError as exc:
                    refused += 1
                    if len(problems) < 5:
                        problems.append(f"line {number}: {exc.errors()[0]['msg']}")
                    continue
                result = store.import_reports((complaint,))
                imported += result.imported
                skipped += result.skipped
                refused += result.refused
                problems.extend(f"line {number}: {p}" for p in result.problems[: 5 - len(problems)])
    finally:
        store.close()
    summary = Message(
        "ui.cli.store.imported",
        "{imported} imported, {skipped} already stored, {refused} refused",
        imported=imported,
        skipped=skipped,
        refused=refused,
    )
    out.print(say(summary), markup=False)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if refused else 0
