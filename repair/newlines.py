"""Line endings: which a text uses, and turning them into ``"\\n"`` and back
(:class:`repair.document.Document` keeps the original ending)."""

from __future__ import annotations


def detect_newline(text: str) -> str:
    """The line ending a text uses: ``"\\n"``, ``"\\r\\n"``, ``"\\r"``, or ``"mixed"``.

    A text without line breaks counts as ``"\\n"``.

    >>> detect_newline("a\\r\\nb\\r\\n"), detect_newline("a\\nb"), detect_newline("a\\r\\nb\\n")
    ('\\r\\n', '\\n', 'mixed')
    """
    if "\r" not in text:
        return "\n"  # most texts: one scan for "\r" instead of three counts
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    kinds = [name for name, count in (("\r\n", crlf), ("\r", lone_cr), ("\n", lone_lf)) if count]
    if not kinds:
        return "\n"
    return kinds[0] if len(kinds) == 1 else "mixed"


def normalize_newlines(text: str, newline: str) -> str:
    """Turn a text's line endings into ``"\\n"``; mixed endings are left as they are."""
    if newline in ("\n", "mixed"):
        return text
    return text.replace(newline, "\n")


def restore_newlines(text: str, newline: str) -> str:
    """Undo :func:`normalize_newlines`."""
    if newline in ("\n", "mixed"):
        return text
    return text.replace("\n", newline)
