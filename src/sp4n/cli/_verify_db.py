"""``sp4n audit verify --db URL``: the stored chain and the tables that must agree with it."""

from __future__ import annotations

from sp4n.cli._io import say, warn
from sp4n.cli._store import open_store
from sp4n.cli.audit import print_verification
from sp4n.i18n import Message

__all__ = ["verify_db"]


def verify_db(url: str, *, key: bytes | None, head: str | None) -> int:
    """Print the verification of the store at ``url``; 0 intact, 1 broken, 2 unusable."""
    store = open_store(url, audit_key=key)  # DataError: exit 2 with its rule, from the wrapper
    try:
        result = store.verify(expected_head=head)
    finally:
        store.close()
    if head is None and key is None:
        warn(
            Message(
                "AUDIT-CHAIN.unanchored-store",
                "no --head or --key-file: an edit whose hashes were recomputed together "
                "with the head record would not be detected",
            )
        )
    chain = result.audit
    if chain.first_break is not None:
        return print_verification(chain, keyed=key is not None)
    if result.problem_count:
        disagrees = Message(
            "ui.cli.audit.store-disagrees",
            "chain intact ({count} entries) but the store disagrees with it:",
            count=chain.length,
        )
        print(say(disagrees))
        for problem in result.problems:
            print(f"  {problem} [STORE-INTEGRITY]")
        if result.problem_count > len(result.problems):
            more = Message(
                "ui.cli.audit.more",
                "{count} more",
                count=result.problem_count - len(result.problems),
            )
            print(f"  … {say(more)}")
        return 1
    intact = Message(
        "ui.cli.audit.intact-store",
        "intact: {count} entries, head {head}; {reports} reports and {events} events agree with it",
        count=chain.length,
        head=chain.head,
        reports=result.reports,
        events=result.events,
    )
    print(say(intact))
    return 0
