"""Alembic environment of the sp4n store: runs on the connection the caller passes.

The store runs migrations programmatically ([`sp4n.store.migrate`][sp4n.store.migrate]), never
from an ``alembic.ini``: the caller puts an open connection in
``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sp4n.store._tables import metadata

connection: Connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
