r"""Writing output files atomically: all or nothing (rule OUTPUT-FILE).

A report, a JSON result, a sample file or an audit log is written to a
temporary file in the target's folder (so the final rename stays on one file
system) and renamed over the target only when it is complete. A run that
fails — bad input found half-way, a full disk, Ctrl-C — leaves the previous
file untouched and no partial or temporary file behind.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with atomic_text_writer(folder / "out.txt") as handle:
...     _ = handle.write("done\n")
>>> (folder / "out.txt").read_text()
'done\n'
>>> write_text_files([(folder / "missing" / "x.json", "{}")])
Traceback (most recent call last):
...
sp4n.errors.DataError: cannot write ...x.json: No such file or directory
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from sp4n.errors import DataError
from sp4n.i18n._message import Message

__all__ = ["atomic_text_writer", "write_text_files"]


def _refusal(path: Path, exc: OSError | None, field: str | None) -> DataError:
    why = "is a directory" if exc is None else (exc.strerror or type(exc).__name__)
    sep = " " if exc is None else ": "
    return DataError(
        Message(
            "OUTPUT-FILE.cannot-write-path-sep",
            "cannot write {path}{sep}{why}",
            path=str(path),
            sep=str(sep),
            why=str(why),
        ),
        rule="OUTPUT-FILE",
        field=field,
    )


def _open_temp(target: Path, field: str | None) -> tuple[TextIO, Path]:
    """A new, exclusive temporary file beside ``target``, with ``target``'s permissions."""
    if target.is_dir():
        raise _refusal(target, None, field)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _refusal(target, exc, field) from None
    try:
        with contextlib.suppress(OSError):  # keep an existing target's mode
            os.chmod(descriptor, stat.S_IMODE(os.stat(target).st_mode))
        return os.fdopen(descriptor, "w", encoding="utf-8", newline="\n"), temp
    except BaseException:
        os.close(descriptor)
        _discard(temp)
        raise


def _discard(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink()


def _finish(handle: TextIO) -> None:
    with handle:
        handle.flush()
        os.fsync(handle.fileno())


@contextlib.contextmanager
def atomic_text_writer(path: str | Path, *, field: str | None = None) -> Iterator[TextIO]:
    """A text handle whose content replaces ``path`` only if the block completes.

    Args:
        path: The file to (re)write.
        field: The option or argument naming the file (``out``, ``json``…), for the error.

    Raises:
        DataError: the file cannot be written: a missing folder, a directory,
            no permission, a full disk (rule OUTPUT-FILE). The target is then
            unchanged and the temporary file removed; any other exception
            raised in the block (including ``KeyboardInterrupt``) is re-raised
            after the same clean-up.
    """
    target = Path(path)
    handle, temp = _open_temp(target, field)
    try:
        try:
            yield handle
            _finish(handle)
            os.replace(temp, target)
        except OSError as exc:
            raise _refusal(target, exc, field) from None
        finally:
            handle.close()
    except BaseException:
        _discard(temp)
        raise


def write_text_files(
    files: Sequence[tuple[str | Path, str | bytes] | tuple[str | Path, str | bytes, str]],
) -> None:
    """Write several text files as one step: every file is written, or none is.

    Each item is ``(path, text)`` or ``(path, text, field)``; ``text`` may be
    ``bytes`` (a workbook), written as they are. All temporary
    files are written first; only when every one is complete are they renamed
    into place, so ``--json`` is not left updated when ``--html`` cannot be
    written.

    Raises:
        DataError: a file cannot be written (rule OUTPUT-FILE); no target changed.
    """
    staged: list[tuple[Path, Path, str | None]] = []
    try:
        for item in files:
            target, text = Path(item[0]), item[1]
            field = item[2] if len(item) == 3 else None
            handle, temp = _open_temp(target, field)
            staged.append((temp, target, field))
            try:
                if isinstance(text, bytes):
                    handle.flush()
                    handle.buffer.write(text)
                else:
                    handle.write(text)
                _finish(handle)
            except OSError as exc:
                raise _refusal(target, exc, field) from None
            finally:
                handle.close()
        for temp, target, field in staged:
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise _refusal(target, exc, field) from None
    except BaseException:
        for temp, _, _ in staged:
            _discard(temp)
        raise
