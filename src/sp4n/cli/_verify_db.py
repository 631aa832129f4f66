"""``sp4n audit verify --db URL``: the stored chain and the tables that must agree with it."""

from __future__ import annotations

import sys

from sp4n.cli._store import open_store
from sp4n.errors import DataError

__all__ = ["verify_db"]


def verify_db(url: str, *, key: bytes | None, head: str | None) -> int:
    """Print the verification of the store at ``url``; 0 intact, 1 broken, 2 unusable."""
    try:
        store = open_store(url, audit_key=key)
    except DataError as exc:
        print(f"sp4n audit: unusable store [{exc.rule}]: {exc}", file=sys.stderr)
        return 2
    try:
        result = store.verify(expected_head=head)
    except DataError as exc:
        print(f"sp4n audit: unusable log [{exc.rule}]: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    if head is None and key is None:
        print(
            "sp4n audit: warning: no --head or --key-file: an edit whose hashes were "
            "recomputed together with the head record would not be detected",
            file=sys.stderr,
        )
    chain = result.audit
    if chain.first_break is not None:
        where = chain.first_break
        print(f"broken at entry {where.index} of {chain.length}: {where.reason} [AUDIT-CHAIN]")
        return 1
    if result.problem_count:
        print(f"chain intact ({chain.length} entries) but the store disagrees with it:")
        for problem in result.problems:
            print(f"  {problem} [STORE-INTEGRITY]")
        if result.problem_count > len(result.problems):
            print(f"  … {result.problem_count - len(result.problems)} more")
        return 1
    print(
        f"intact: {chain.length} entries, head {chain.head}; "
        f"{result.reports} reports and {result.events} events agree with it"
    )
    return 0
