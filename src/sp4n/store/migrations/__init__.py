"""Alembic migrations of the sp4n store (run by :func:`sp4n.store.migrate`)."""
