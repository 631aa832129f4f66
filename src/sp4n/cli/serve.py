"""``sp4n serve``: the reference service (Open311 GeoReport v2 + SP4N API) on a store.

Needs the ``sp4n[service]`` extra. The store is ``--db`` (a SQLite file path or
a ``postgresql+psycopg://`` URL), else the environment variable
``SP4N_DATABASE_URL`` (keeps a password out of the process list), else
``sp4n.db`` in the current directory; its tables are created or upgraded
at start. ``--api-keys FILE`` lists the Open311 API keys (one a line),
``--tokens FILE`` maps bearer tokens to actors (JSON). Real deployments put
their own identity provider in front; see the how-to "Run the reference
service".
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sp4n.cli._io import plain_help
from sp4n.cli._store import open_store
from sp4n.errors import ConfigError
from sp4n.hierarchy import AgencyGraph
from sp4n.i18n import Message

__all__ = ["register"]

DATABASE_ENV = "SP4N_DATABASE_URL"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``serve`` sub-command."""
    parser = sub.add_parser(
        "serve",
        help="run the reference service (Open311 + SP4N API) on a store",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", metavar="URL", help=f"the store (default: ${DATABASE_ENV})")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--api-keys", type=Path, metavar="FILE", help="Open311 API keys")
    parser.add_argument("--tokens", type=Path, metavar="FILE", help="bearer tokens → actors")
    parser.add_argument(
        "--audit-key-file", type=Path, metavar="FILE", help="HMAC key of the audit chain"
    )
    parser.add_argument("--log-level", default="info", help="uvicorn log level")
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    try:
        import uvicorn  # noqa: PLC0415 - optional extra

        from sp4n.service import (  # noqa: PLC0415 - optional extra
            ServiceConfig,
            create_app,
            load_api_keys,
            load_tokens,
        )
    except ImportError:
        raise ConfigError(
            Message(
                "error.serve.service-needs-optional-extra",
                "the service needs the optional extra: pip install 'sp4n[service]'",
            )
        ) from None
    url = args.db or os.environ.get(DATABASE_ENV) or "sp4n.db"
    try:
        key = args.audit_key_file.read_bytes() if args.audit_key_file else None
    except OSError as exc:
        raise ConfigError(
            Message(
                "AUDIT-FORMAT.cannot-read-audit-key",
                "cannot read the audit key file: {value}",
                value=str(exc.strerror or exc),
            ),
            rule="AUDIT-FORMAT",
        ) from None
    graph = AgencyGraph.indonesia()
    store = open_store(url, migrate=True, audit_key=key, hierarchy=graph)
    config = ServiceConfig(
        store=store,
        api_keys=load_api_keys(args.api_keys) if args.api_keys else {},
        tokens=load_tokens(args.tokens) if args.tokens else {},
        hierarchy=graph,
    )
    try:
        uvicorn.run(create_app(config), host=args.host, port=args.port, log_level=args.log_level)
    finally:
        store.close()
    return 0
