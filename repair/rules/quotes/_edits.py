"""Helpers the QUO rules share: previews of an edit and the glyph a role takes."""

from __future__ import annotations

from repair.findings import Edit
from repair.rules.quotes.marks import CURLY_CLOSE, CURLY_OPEN, Role, context


def glyph(role: Role, curly: bool) -> str:
    """The double mark for ``role`` in the curly or straight style.

    >>> glyph(Role.OPEN, True), glyph(Role.CLOSE, False)
    ('\u201c', '"')
    """
    if not curly:
        return '"'
    return CURLY_OPEN if role is Role.OPEN else CURLY_CLOSE


def preview(text: str, edit: Edit) -> str:
    """The context of ``edit`` as it reads once applied.

    >>> preview("happened, \\u201csaid Morvath", Edit(9, 11, "\\u201d "))
    'happened,\\u201d said'
    """
    window_start = max(0, edit.start - 40)
    window_end = min(len(text), edit.end + 40)
    local = text[window_start : edit.start] + edit.replacement + text[edit.end : window_end]
    start = edit.start - window_start
    end = start + len(edit.replacement.strip()) or start
    return context(local, start, max(end, start + 1))
