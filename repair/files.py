"""Bytes to documents and back: decoding, encoding detection and atomic write-back.

Reading keeps what writing needs to give the file back as it was: the encoding, the BOM, the
line endings, and (at write time) the file mode. Writing goes to a temporary file in the same
folder that is renamed over the original, so a crash leaves either the old or the new file.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Final

from repair.document import Document, detect_newline, normalize_newlines
from repair.document import restore_newlines as _restore_newlines
from repair.errors import (
    BinaryFile,
    FileNotWritten,
    FileTooLarge,
    UndecodableFile,
    UnencodableText,
    UnreadableFile,
)

# Longest BOM first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_FOR: Final = {name: bom for bom, name in _BOMS}
_SNIFF_BYTES: Final = 8192


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or :class:`UnreadableFile` with a one-line reason."""
    return read_bytes_and_status(path)[0]


def read_bytes_and_status(path: Path, max_bytes: int | None = None) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its status, taken before they were read (so that a change
    during the read shows in the status next time), or :class:`UnreadableFile`; a file
    of more than ``max_bytes`` bytes is not read (:class:`FileTooLarge`)."""
    try:
        # Read first and ask why only when that fails: a batch reads thousands of files.
        # Opened without blocking, so that a named pipe (a FIFO called news.txt) is refused
        # here instead of waiting forever for a writer.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        handle = os.open(path, flags)
        with os.fdopen(handle, "rb") as stream:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode):
                if stat.S_ISDIR(status.st_mode):
                    raise IsADirectoryError(path)
                raise UnreadableFile(str(path), "not a regular file (a pipe, socket or device)")
            if max_bytes is not None and status.st_size > max_bytes:
                raise FileTooLarge(str(path), too_large(status.st_size, max_bytes))
            return stream.read(), status
    except IsADirectoryError as error:
        raise UnreadableFile(str(path), "is a folder") from error
    except FileNotFoundError as error:
        reason = "broken symbolic link" if path.is_symlink() else "no such file"
        raise UnreadableFile(str(path), reason) from error
    except PermissionError as error:
        raise UnreadableFile(str(path), "permission denied") from error
    except OSError as error:
        raise UnreadableFile(str(path), f"cannot read: {error.strerror or error}") from error


def too_large(size: int, max_bytes: int) -> str:
    """The message for a file over the size limit.

    >>> too_large(100_000_258, 64_000_000)
    'too large (100.0 MB, over max-file-size = 64); not checked or fixed'
    """
    return (
        f"too large ({size / 1e6:.1f} MB, over max-file-size = {max_bytes // 1_000_000}); "
        "not checked or fixed"
    )


def decode(raw: bytes, path: str | None = None) -> Document:
    """Turn a file's bytes into a document, detecting the encoding when it is not UTF-8.

    A BOM decides the encoding; otherwise UTF-8 is tried, then charset-normalizer. Bytes
    with NUL characters and no UTF-16/32 BOM are binary.
    """
    display = path or "-"
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableFile(
                    display, f"invalid {encoding} after its BOM: {error.reason}"
                ) from error
            return _document(text, path, encoding, bom=True, detected=False)
    if b"\x00" in raw[:_SNIFF_BYTES]:
        raise BinaryFile(display, "binary file (contains NUL bytes), not checked")
    try:
        return _document(raw.decode("utf-8"), path, "utf-8", bom=False, detected=False)
    except UnicodeDecodeError:
        pass
    detected = _detect_encoding(raw)
    if detected is None:
        raise UndecodableFile(display, "not UTF-8, and no text encoding fits its bytes")
    text = raw.decode(detected)
    if not _certain_guess(raw, text):
        raise UndecodableFile(
            display,
            f"not UTF-8, and too few non-ASCII bytes to tell its encoding (a guess: "
            f"{detected}); left as it is",
        )
    return _document(text, path, detected, bom=False, detected=True)


# A guess from fewer non-ASCII bytes than this must show it read them as letters inside
# words (see _certain_guess). On a few bytes charset-normalizer scores every code page
# alike (chaos and coherence 0.0 for each): ``abc \xc0\xaf def`` came out as big5.
_MIN_GUESS_BYTES: Final = 16


def _certain_guess(raw: bytes, text: str) -> bool:
    """Whether decoding ``raw`` as ``text`` is evidence enough to rewrite the file.

    Many non-ASCII bytes are: a wrong code page shows in them, and charset-normalizer
    weighs them. Below :data:`_MIN_GUESS_BYTES`, the guess must turn every non-ASCII
    character into a Latin letter inside a word of ASCII letters, as accents in Latin
    words are (``caf\xe9``, ``na\xefve``, ``Stra\xdfe``); a symbol, a letter standing
    alone or a letter of another script glued to Latin ones is a guess.
    """
    if sum(byte > 0x7F for byte in raw) >= _MIN_GUESS_BYTES:
        return True
    import unicodedata

    for index, character in enumerate(text):
        if character.isascii():
            continue
        if not character.isalpha() or not unicodedata.name(character, "").startswith("LATIN"):
            return False
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 2]
        if not (before.isalpha() or after.isalpha()):
            return False
        if not (before.isascii() and before.isalpha()) and not any(
            c.isascii() and c.isalpha() for c in _word_around(text, index)
        ):
            return False
    return True


def _word_around(text: str, index: int) -> str:
    """The run of letters ``text[index]`` stands in."""
    start = index
    while start and text[start - 1].isalpha():
        start -= 1
    end = index
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[start:end]


# On short texts charset-normalizer often scores several single-byte code pages alike
# (cp1257 and cp1250 for French, say). Among near-ties, the encodings most text is written
# in win, in this order.
_PREFERRED_ENCODINGS: Final = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
_NEAR_TIE_CHAOS: Final = 0.15


def _detect_encoding(raw: bytes) -> str | None:
    """The most likely encoding of ``raw`` by charset-normalizer, preferring common ones."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(raw))
    if not matches:
        return None
    best_chaos = min(match.chaos for match in matches)
    # A match stands for every code page that decodes the bytes alike: cp1252 is often
    # listed only under cp1250's match.
    near = {
        encoding
        for match in matches
        if match.chaos <= best_chaos + _NEAR_TIE_CHAOS
        for encoding in (match.encoding, *match.could_be_from_charset)
    }
    for preferred in _PREFERRED_ENCODINGS:
        if preferred in near:
            return codecs.lookup(preferred).name
    best = min(matches, key=lambda match: match.chaos)
    return codecs.lookup(best.encoding).name


def _document(text: str, path: str | None, encoding: str, *, bom: bool, detected: bool) -> Document:
    newline = detect_newline(text)
    return Document(
        normalize_newlines(text, newline),
        path=path,
        encoding=encoding,
        bom=bom,
        newline=newline,
        detected_encoding=detected,
    )


def read_document(path: Path, display: str | None = None) -> Document:
    """Read and decode one file."""
    return decode(read_bytes(path), display or str(path))


def encode(doc: Document, text: str, *, keep_encoding: bool) -> bytes:
    """The bytes to write for ``text``, the fixed text of ``doc``.

    Line endings are restored. A UTF-8 file keeps its BOM or its lack of one. A file in any
    other encoding is written as UTF-8 without a BOM (the ENC001 fix), unless
    ``keep_encoding`` asks for the encoding it was read in.
    """
    encoding = doc.encoding
    bom = doc.bom
    if encoding != "utf-8" and not keep_encoding:
        encoding, bom = "utf-8", False
    body = _restore_newlines(text, doc.newline)
    try:
        data = body.encode(encoding)
    except UnicodeEncodeError as error:
        raise UnencodableText(
            doc.display_path,
            f"the fixed text has {body[error.start]!r}, which {encoding} cannot hold; "
            'set output-encoding = "utf-8"',
        ) from error
    if bom and encoding in _BOM_FOR:
        data = _BOM_FOR[encoding] + data
    return data


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
    handle, temporary = open_unnamed(target)
    try:
        with os.fdopen(handle, "wb", closefd=False) as stream:
            stream.write(data)
        os.fsync(handle)
        if current is not None:
            set_mode(handle, temporary, stat.S_IMODE(current.st_mode))
            with contextlib.suppress(OSError, AttributeError):  # only root may give a file
                os.fchown(handle, current.st_uid, current.st_gid)  # away; no chown on Windows
        if replacing is not None:
            # Checked again as late as possible: the fix may have taken minutes.
            _refuse_unless_writable(path, replacing, _status_or_none(target))
    except BaseException:
        os.close(handle)
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                Path(temporary).unlink()
        raise
    try:
        name_as(handle, temporary, target)  # closes the handle
    except BaseException:
        if temporary is not None:
            with contextlib.suppress(FileNotFoundError):
                Path(temporary).unlink()
        raise
    _sync_folder(target.parent)


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
