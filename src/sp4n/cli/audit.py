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
from pathlib import Path

from sp4n.audit import AuditLog, AuditVerification
from sp4n.cli._io import plain_help, report_error, run_lang, say, spooled, warn
from sp4n.cli._store import add_db_option, require_one_source
from sp4n.errors import DataError
from sp4n.i18n import Message


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``audit`` sub-command (``audit verify FILE``)."""
    parser = sub.add_parser(
        "audit",
        help="check a hash-chained audit log",
        description=plain_help(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    verify = actions.add_parser("verify", help="verify the hash chain of a JSON Lines log")
    verify.add_argument(
        "file", type=Path, metavar="FILE", nargs="?", help="a JSON Lines log, or - for stdin"
    )
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
        raise DataError(
            Message(
                "AUDIT-FORMAT.cannot-read-audit-key",
                "cannot read the audit key file: {value}",
                value=str(exc.strerror or exc),
            ),
            rule="AUDIT-FORMAT",
            field="key_file",
        ) from None
    if args.db is not None:
        from sp4n.cli._verify_db import verify_db  # noqa: PLC0415 - optional extra

        return verify_db(args.db, key=key, head=args.head)
    try:
        with spooled([args.file]) as (path,):
            log = AuditLog.read(path, key=key)
    except DataError as exc:  # an unusable log: exit 2, whoever runs the handler
        return report_error(exc)
    if args.head is None and key is None:
        warn(
            Message(
                "AUDIT-CHAIN.unanchored",
                "no --head or --key-file: an edit whose hashes were recomputed, "
                "or entries dropped at the end, would not be detected",
            )
        )
    return print_verification(log.verify(expected_head=args.head), keyed=key is not None)


def print_verification(result: AuditVerification, *, keyed: bool) -> int:
    """Print the result of a verification in the run's language; 0 intact, 1 broken."""
    if result.first_break is None:
        intact = Message(
            "ui.cli.audit.intact",
            "intact: {count} entries, head {head}",
            count=result.length,
            head=result.head,
        )
        print(say(intact))
        return 0
    where = result.first_break
    if where.rule == "AUDIT-KEY" and not keyed:
        keyed_log = Message(
            "ui.cli.audit.keyed",
            "this log is keyed: give --key-file ({reason}) [AUDIT-KEY]",
            reason=where.text(run_lang()),
        )
        print(say(keyed_log))
        return 1
    broken = Message(
        "ui.cli.audit.broken",
        "broken at entry {index} of {count}: {reason} [{rule}]",
        index=where.index,
        count=result.length,
        reason=where.text(run_lang()),
        rule=where.rule,
    )
    print(say(broken))
    return 1
