"""Atomic writes: a file's new bytes replace the old at once, or not at all.

Every file repair writes goes through :func:`atomic_output`: a fixed text (through
:func:`repair.write_back.write_atomic`), a fixed JSONL or Parquet corpus, a cache entry or
folder index, a run memo, and a run's output files (a baseline, an entity list, a report's
files: :func:`output_text`). The bytes go to a new file in the target's folder (one with no
name yet where the system allows), which is then renamed over the target, so a crash leaves
either the old file or the new one, never part of either.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO


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
        sync_folder(target.parent)


@contextlib.contextmanager
def output_text(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text stream whose text replaces the file at ``path`` when the block ends
    without an error: a run's output file (a baseline, an entity list, a report).

    As a program writing its output file in place would leave it, but never half-written:
    a symbolic link at ``path`` stays a link and its target gets the new text (a dangling
    link's target is created), as :func:`repair.write_back.write_atomic` writes a fixed
    file; the file keeps its mode and, where the process may set it, its owner; a new file
    gets the mode any other program's output gets under the umask.
    """
    target = path.resolve()
    current = status_or_none(target)
    mode = stat.S_IMODE(current.st_mode) if current is not None else new_file_mode()
    owner = (current.st_uid, current.st_gid) if current is not None else None
    with atomic_output(target, mode=mode, owner=owner) as stream:
        text = io.TextIOWrapper(stream, encoding="utf-8")
        try:
            yield text
            text.flush()
        finally:
            with contextlib.suppress(OSError, ValueError):  # the block's error is the one
                text.detach()  # raised; the stream stays atomic_output's to close


def write_output_text(path: Path, text: str) -> None:
    """Replace the file at ``path`` by ``text`` in UTF-8, as :func:`output_text` does."""
    with output_text(path) as stream:
        stream.write(text)


def new_file_mode() -> int:
    """The mode a new file gets under the process's umask, as any other program's output."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def status_or_none(path: Path) -> os.stat_result | None:
    """The status of the file at ``path`` (through links), ``None`` when there is none."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None


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
    return named_temporary(target)


def set_mode(handle: int, temporary: str | None, mode: int) -> None:
    """Set the mode of the file of :func:`open_unnamed` (by its name where, as on Windows
    before Python 3.13, a handle cannot be given one)."""
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    elif temporary is not None:
        Path(temporary).chmod(mode)


def named_temporary(target: Path) -> tuple[int, str]:
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
    copy, temporary = named_temporary(target)
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


def sync_folder(folder: Path) -> None:
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
