"""Atomic writes: a file's new bytes replace the old at once, or not at all.

Every file repair writes goes through :func:`atomic_output`: a fixed text, a fixed JSONL or
Parquet corpus, a cache entry or folder index, a run memo. The bytes go to a new file in the
target's folder (one with no name yet where the system allows), which is then renamed over
the target, so a crash leaves either the old file or the new one, never part of either.
:func:`write_atomic` adds what a fix in place needs: the file's mode and owner kept, a
refusal when the file changed since it was read, the rename made durable, and a file with
several hard links written in place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from repair.errors import FileNotWritten


@contextlib.contextmanager
def atomic_output(
    target: Path,
    *,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    durable: bool = False,
    before_naming: Callable[[], None] | None = None,
    write_error: Callable[[OSError], Exception] | None = None,
) -> Iterator[BinaryIO]:
    """A binary stream whose bytes replace ``target`` when the block ends without an error.

    The new file gets ``mode`` (else the 0600 of a temporary file) and, where the process
    may give it away, ``owner`` (user and group ids). ``durable`` syncs the file before the
    rename and the folder after it, so that the new name survives a crash.
    ``before_naming`` runs last before the rename: what it raises leaves ``target`` as it
    was. When the block raises, nothing is named and the new file is removed.

    ``write_error`` says what an :class:`OSError` of the writing itself (opening, flushing,
    naming; not one the block raises) is raised as; by default, itself. The block's stream
    is closed before the rename; an error closing it after the block failed is dropped, so
    that the block's own error is the one raised.
    """
    with _raised_as(write_error):
        handle, temporary = open_unnamed(target)
    stream = os.fdopen(handle, "wb", closefd=False)
    try:
        try:
            yield stream
            with _raised_as(write_error):
                stream.flush()  # where a full disk shows: the last bytes are written here
        finally:
            with contextlib.suppress(OSError):  # the bytes it could not write: given up
                stream.close()
        with _raised_as(write_error):
            if durable:
                os.fsync(handle)
            if mode is not None:
                set_mode(handle, temporary, mode)
            if owner is not None:
                with contextlib.suppress(OSError, AttributeError):  # only root may give a
                    os.fchown(handle, *owner)  # file away; no chown on Windows
        if before_naming is not None:
            before_naming()
    except BaseException:
        os.close(handle)
        _remove(temporary)
        raise
    try:
        with _raised_as(write_error):
            name_as(handle, temporary, target)  # closes the handle
    except BaseException:
        _remove(temporary)
        raise
    if durable:
        _sync_folder(target.parent)


@contextlib.contextmanager
def _raised_as(write_error: Callable[[OSError], Exception] | None) -> Iterator[None]:
    """Raise an :class:`OSError` of the block as ``write_error`` makes it, if given."""
    try:
        yield
    except OSError as error:
        if write_error is None:
            raise
        raise write_error(error) from error


def _remove(temporary: str | None) -> None:
    """Remove the named temporary file of a write given up (an unnamed one needs nothing)."""
    if temporary is not None:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def write_atomic(
    path: Path,
    data: bytes,
    *,
    replacing: os.stat_result | None = None,
    through_links: bool = True,
) -> None:
    """Replace the file's content by ``data`` through a temporary file and a rename.

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
    current = _status_or_none(target)
    if replacing is not None:
        _refuse_unless_writable(path, replacing, current)
        # Positional reads and writes are POSIX: elsewhere (Windows) the rename breaks the link.
        if current is not None and current.st_nlink > 1 and hasattr(os, "pwrite"):
            _write_in_place(path, target, data, replacing, current)
            return

    def unchanged_since_read() -> None:
        # Checked again as late as possible: the fix may have taken minutes.
        if replacing is not None:
            _refuse_unless_writable(path, replacing, _status_or_none(target))

    with atomic_output(
        target,
        mode=None if current is None else stat.S_IMODE(current.st_mode),
        owner=None if current is None else (current.st_uid, current.st_gid),
        durable=True,
        before_naming=unchanged_since_read,
    ) as stream:
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
    handle, temporary = _named_temporary(target)
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
            set_mode(handle, temporary, stat.S_IMODE(current.st_mode))
            with contextlib.suppress(OSError, AttributeError):  # as write_atomic's own file
                os.fchown(handle, current.st_uid, current.st_gid)
        finally:
            os.close(handle)
        _sync_folder(target.parent)
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
    _sync_folder(target.parent)


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
        _sync_folder(target.parent)
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


def open_unnamed(target: Path) -> tuple[int, str | None]:
    """A new file, open for writing, in ``target``'s folder, that :func:`name_as` names.

    On Linux it has no name until then (``O_TMPFILE``): a process killed while writing it
    leaves nothing behind. Elsewhere it is a hidden temporary file, and the name is
    returned with the handle, for the caller to remove if it gives up.
    """
    flag = getattr(os, "O_TMPFILE", 0)
    if flag and _LINKABLE.get(_device(target.parent), True) and Path("/proc/self/fd").is_dir():
        try:
            return os.open(target.parent, flag | os.O_RDWR, 0o600), None
        except OSError:
            pass  # a file system without unnamed files
    return _named_temporary(target)


def set_mode(handle: int, temporary: str | None, mode: int) -> None:
    """Set the mode of the file of :func:`open_unnamed` (by its name where, as on Windows
    before Python 3.13, a handle cannot be given one)."""
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    elif temporary is not None:
        Path(temporary).chmod(mode)


def _named_temporary(target: Path) -> tuple[int, str]:
    import tempfile  # only where something is written: a check writes nothing

    return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".repair-tmp", dir=target.parent)


# Whether an unnamed file can be linked into a folder of this device; some file systems
# (overlays among them) make unnamed files but refuse to link them.
_LINKABLE: dict[int, bool] = {}


def _device(folder: Path) -> int:
    try:
        return folder.stat().st_dev
    except OSError:
        return -1


def name_as(handle: int, temporary: str | None, target: Path) -> None:
    """Give the file of :func:`open_unnamed` the name ``target``, replacing what is there,
    and close ``handle`` (before the rename for a named temporary file: Windows refuses to
    rename an open file), whatever happens."""
    if temporary is not None:
        os.close(handle)
        Path(temporary).replace(target)
        return
    import secrets

    try:
        # A link cannot replace a file: the file is linked under a fresh name, renamed
        # over the target at once.
        linked = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.repair-tmp")
        try:
            os.link(f"/proc/self/fd/{handle}", linked, follow_symlinks=True)
        except OSError:
            _LINKABLE[_device(target.parent)] = False
            _copy_to_named(handle, target)
            return
        try:
            Path(linked).replace(target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                Path(linked).unlink()
            raise
    finally:
        os.close(handle)


def _copy_to_named(handle: int, target: Path) -> None:
    """Where an unnamed file cannot be linked: its bytes, copied to a named temporary file
    with its mode and owner, renamed over ``target``."""
    status = os.fstat(handle)
    copy, temporary = _named_temporary(target)
    try:
        offset = 0
        while chunk := os.pread(handle, 1 << 20, offset):
            os.write(copy, chunk)
            offset += len(chunk)
        os.fsync(copy)
        os.fchmod(copy, stat.S_IMODE(status.st_mode))
        with contextlib.suppress(OSError):
            os.fchown(copy, status.st_uid, status.st_gid)
        Path(temporary).replace(target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    finally:
        os.close(copy)


def _status_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


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


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; some systems cannot open a folder: no matter."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
