"""A fixed file written back: atomically, as it was in all but its text, or not at all.

:func:`write_atomic` writes through the one atomic writer (:mod:`repair.atomic`) and adds
what a fix in place needs: the file's mode and owner kept, a refusal when the file changed
since it was read or is read-only, the rename made durable, and a file with several hard
links written in place, so that every name of it shows the fix.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from repair.atomic import atomic_output, named_temporary, set_mode, status_or_none, sync_folder
from repair.errors import FileNotWritten


def write_atomic(
    path: Path,
    data: bytes | Callable[[BinaryIO], None],
    *,
    replacing: os.stat_result | None = None,
    through_links: bool = True,
) -> None:
    """Replace the file's content by ``data`` through a temporary file and a rename.

    ``data`` is the bytes, or a function that writes them to the stream it is given (a
    file fixed window by window, :mod:`repair.windows`, is never held whole); what it
    raises leaves the file as it was.

    The file mode is kept, and the owner and group where the process may set them. A
    symbolic link stays a link and its target is written, unless ``through_links`` is off:
    then a link at ``path`` is refused (an output tree must not write outside itself).

    ``replacing`` is the status of the file as it was read, for a fix in place: a file
    that is read-only, or that changed since (size, times or inode differ: an edit made
    while the fix ran), is not written, and :class:`FileNotWritten` says why. The folder is
    synced after the rename, so that the new name survives a crash. A file with several
    hard links is written in place instead (:func:`_write_in_place`), so that every name
    of it shows the fix, as black and ruff do.
    """
    if not through_links and path.is_symlink():
        raise FileNotWritten(str(path), "is a symbolic link in the output folder; not written")
    target = path.resolve() if through_links else path
    current = status_or_none(target)
    if replacing is not None:
        _refuse_unless_writable(path, replacing, current)
        # Positional reads and writes are POSIX: elsewhere (Windows) the rename breaks the link.
        if current is not None and current.st_nlink > 1 and hasattr(os, "pwrite"):
            if callable(data):  # overwritten in place from bytes held whole: made here
                buffer = io.BytesIO()
                data(buffer)
                data = buffer.getvalue()
            _write_in_place(path, target, data, replacing, current)
            return

    def unchanged_since_read() -> None:
        # Checked again as late as possible: the fix may have taken minutes.
        if replacing is not None:
            _refuse_unless_writable(path, replacing, status_or_none(target))

    with atomic_output(
        target,
        mode=None if current is None else stat.S_IMODE(current.st_mode),
        owner=None if current is None else (current.st_uid, current.st_gid),
        durable=True,
        before_naming=unchanged_since_read,
    ) as stream:
        if callable(data):
            data(stream)
        else:
            stream.write(data)


def _write_in_place(
    path: Path, target: Path, data: bytes, replacing: os.stat_result, current: os.stat_result
) -> None:
    """Write ``data`` over the file's own bytes, keeping its inode and so its hard links.

    A rename would give ``path`` a new file and leave the old text under its other names.
    First the whole new text goes to a temporary file beside it, synced, with the file's
    mode: if the process dies while the file is being overwritten, that copy (its name is
    ``.NAME.*.repair-tmp``) holds the complete fixed text. Room for a longer text is
    reserved before the first byte is overwritten, so a full disk leaves the file as it
    was; a write failing half-way puts the old bytes back. Only when that fails too is the
    copy renamed over ``path``: a whole text there, at the cost of the link.
    """
    handle, temporary = named_temporary(target)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
            set_mode(handle, temporary, stat.S_IMODE(current.st_mode))
            with contextlib.suppress(OSError, AttributeError):  # as write_atomic's own file
                os.fchown(handle, current.st_uid, current.st_gid)
        finally:
            os.close(handle)
        sync_folder(target.parent)
        file = os.open(target, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        try:
            # The file opened must be the one read: checked on the handle, no name between.
            _refuse_unless_writable(path, replacing, os.fstat(file))
            original = _read_all(file, replacing.st_size)
            if len(data) > len(original):
                _reserve(file, len(original), len(data) - len(original))
        except BaseException:
            os.close(file)
            raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    try:
        _overwrite(file, data)
    except BaseException as error:
        _put_back(path, target, file, original, temporary, error)
        raise
    finally:
        os.close(file)
    Path(temporary).unlink()
    sync_folder(target.parent)


def _put_back(
    path: Path, target: Path, file: int, original: bytes, temporary: str, error: BaseException
) -> None:
    """After a failed overwrite: the old bytes back in the file (and :class:`FileNotWritten`
    for an ``OSError``), or else the fixed copy renamed over ``path``."""
    reason = (error.strerror or str(error)) if isinstance(error, OSError) else type(error).__name__
    try:
        _overwrite(file, original)
    except BaseException:
        Path(temporary).replace(target)
        sync_folder(target.parent)
        raise FileNotWritten(
            str(path),
            f"could not be written in place ({reason}) nor put back as it was: the fixed text "
            "is written as a new file; its other hard links may hold part of it",
        ) from error
    with contextlib.suppress(FileNotFoundError):
        Path(temporary).unlink()
    if isinstance(error, OSError):
        raise FileNotWritten(
            str(path), f"could not be written in place ({reason}); left as it was"
        ) from error


def _overwrite(file: int, data: bytes) -> None:
    """Write ``data`` from the start of the open ``file``, cut it there, and sync it."""
    written = 0
    while written < len(data):
        written += os.pwrite(file, memoryview(data)[written:], written)
    os.ftruncate(file, len(data))
    os.fsync(file)


def _reserve(file: int, offset: int, length: int) -> None:
    """Allocate disk room for ``length`` bytes at ``offset``, where the file system can."""
    try:
        os.posix_fallocate(file, offset, length)
    except AttributeError:  # not on this system
        return
    except OSError as error:
        if error.errno not in (errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            raise


def _read_all(file: int, size: int) -> bytes:
    """The first ``size`` bytes of the open ``file`` (one ``pread`` may return fewer)."""
    chunks = []
    offset = 0
    while offset < size and (chunk := os.pread(file, size - offset, offset)):
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _refuse_unless_writable(
    path: Path, read: os.stat_result, current: os.stat_result | None
) -> None:
    if current is None:
        raise FileNotWritten(str(path), "was removed while it was being fixed; not written")
    if _stamp(current) != _stamp(read):
        raise FileNotWritten(
            str(path), "changed while it was being fixed; not written (run the fix again)"
        )
    # By its mode, not os.access: root may write anything, yet a read-only file is a
    # request to leave it alone (as git and editors take it).
    if not current.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        raise FileNotWritten(str(path), "is read-only; not written")


def _stamp(status: os.stat_result) -> tuple[int, ...]:
    """What changes when a file is edited, moved over or touched."""
    return (
        status.st_dev,
        status.st_ino,
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
    )
