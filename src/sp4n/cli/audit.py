"""``sp4n audit verify FILE`` or ``--db URL``: check a hash-chained audit log.

FILE is a JSON Lines log; ``--db URL`` verifies the chain kept in a store
(``sp4n[store]``) and that its reports and events agree with it (rule
STORE-INTEGRITY).

Exit 0 when the chain is intact, 1 when it is broken (the first broken entry
and the reason are printed), 2 when the file cannot be used (missing, not
UTF-8, a line that is not an audit entry).

The chain alone catches an edit only if the forger did not recompute the
hashes after it; anyone can. To detect a re-hashed forgery (and entries
dropped at the end), pass ``--head HASH``, a head hash anchored elsewhere,
or verify a keyed log with ``--key-file`` (HMAC-SHA256; the key kept apart
from the log). Without either, a warning is printed. One trailing newline of
the key file (as ``echo`` writes) is not part of the key. A keyed log checked
without its key, or with a wrong one, is reported as such (rule AUDIT-KEY),
not as edited.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sp4n.audit import AuditLog
from sp4n.cli._store import add_db_option, require_one_source
from sp4n.errors import DataError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` sub-command (``audit verify FILE``)."""
    parser = sub.add_parser(
        "audit",
        help="check a hash-chained audit log",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = actions.add_parser("verify", help="verify the hash chain of a JSON Lines log")
    verify.add_argument("file", type=Path, metavar="FILE", nargs="?")
    add_db_option(verify)
    verify.add_argument("--head", metavar="HASH", help="the head hash anchored elsewhere")
    verify.add_argument(
        "--key-file",
        type=Path,
        metavar="PATH",
        help="the HMAC key the log was chained with (one trailing newline is ignored)",
    )
    verify.set_defaults(handler=_verify)


def read_key(path: Path) -> bytes:
    r"""The key in a key file, without one trailing newline (``\n`` or ``\r\n``).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "key"
    >>> _ = p.write_bytes(b"rahasia\n")
    >>> read_key(p)
    b'rahasia'
    """
    data = path.read_bytes()
    for ending in (b"\r\n", b"\n"):
        if data.endswith(ending):
            return data[: -len(ending)]
    return data


def _verify(args: argparse.Namespace) -> int:
    require_one_source(args.file, args.db, "FILE")
    try:
        key = read_key(args.key_file) if args.key_file is not None else None
    except OSError as exc:
        print(f"sp4n audit: cannot read key file [AUDIT-FORMAT]: {exc}", file=sys.stderr)
        return 2
    if args.db is not None:
        from sp4n.cli._verify_db import verify_db  # noqa: PLC0415 - optional extra

        return verify_db(args.db, key=key, head=args.head)
    try:
        log = AuditLog.read(args.file, key=key)
    except DataError as exc:
        print(f"sp4n audit: unusable log [{exc.rule}]: {exc}", file=sys.stderr)
        return 2
    if args.head is None and key is None:
        print(
            "sp4n audit: warning: no --head or --key-file: an edit whose hashes were "
            "recomputed, or entries dropped at the end, would not be detected",
            file=sys.stderr,
        )
    result = log.verify(expected_head=args.head)
    if result.first_break is None:
        print(f"intact: {result.length} entries, head {result.head}")
        return 0
    where = result.first_break
    if where.rule == "AUDIT-KEY" and key is None:
        print(f"this log is keyed: give --key-file ({where.reason}) [AUDIT-KEY]")
        return 1
    print(f"broken at entry {where.index} of {result.length}: {where.reason} [{where.rule}]")
    return 1
