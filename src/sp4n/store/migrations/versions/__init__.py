"""Schema revisions of the sp4n store, oldest first."""
