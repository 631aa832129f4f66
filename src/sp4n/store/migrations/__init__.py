"""Alembic migrations of the sp4n store (run by [`sp4n.store.migrate`][sp4n.store.migrate])."""
