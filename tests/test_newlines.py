"""detect_newline's shortcut for a text without "\\r" gives what counting every kind gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from repair.newlines import detect_newline
from tests.conftest import real_text_paths


def counted(text: str) -> str:
    """The reference: every kind of line ending counted."""
    crlf = text.count("\r\n")
    kinds = [
        name
        for name, count in (
            ("\r\n", crlf),
            ("\r", text.count("\r") - crlf),
            ("\n", text.count("\n") - crlf),
        )
        if count
    ]
    return "\n" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


@given(st.text(alphabet="a\r\n\u00e9", max_size=30))
def test_the_line_ending_is_that_of_the_counts(text: str) -> None:
    assert detect_newline(text) == counted(text)


def test_the_line_ending_of_real_texts_is_that_of_the_counts() -> None:
    for path in real_text_paths():
        text = path.read_bytes().decode("utf-8", errors="replace")
        for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r"), text + "\r"):
            assert detect_newline(variant) == counted(variant)
