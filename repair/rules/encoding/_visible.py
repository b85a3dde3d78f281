"""Characters spelled out for messages: controls and invisible characters made visible."""

from __future__ import annotations

import unicodedata


def visible(text: str) -> str:
    """Text with control and invisible characters spelled out, for messages.

    >>> visible("a\\x9db\\u200b")
    'a\\\\x9db\\\\u200b'
    """
    # str.isprintable is false exactly for the characters spelled out here (categories
    # C* and Z*, the space excepted), from the same Unicode database: most text has none
    # and is returned after one pass in C.
    if text.isprintable():
        return text
    return "".join(
        char if unicodedata.category(char)[0] not in "CZ" or char == " " else escape(char)
        for char in text
    )


def escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
