"""ENC002's rounds of ftfy leave ``restore_byte_a0`` off on a line without a match of the
text pattern read from ftfy's ``ALTERED_UTF8_RE`` (repair/rules/encoding/ftfy_patterns.py,
``text_pattern``). That is right when every match of ftfy's pattern in a line's bytes, in
any encoding ftfy tries, is a match of the text pattern in the line: checked here on bytes
generated from ftfy's pattern, on real lines (with the spaces for byte A0 that the fixer
exists for), and through ``fix_line`` against ftfy's public loop. Also: the C1 and
surrogate fixers are skipped only on text without such a character."""

from __future__ import annotations

import re

import ftfy
import ftfy.bad_codecs  # registers the sloppy codecs
from ftfy.chardata import ALTERED_UTF8_RE, CHARMAP_ENCODINGS
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.encoding import ftfy_lines
from repair.rules.encoding.ftfy_patterns import text_pattern
from tests.rules.encoding_reference import (
    broken,
    corpus_turned_to_mojibake,
    damaged_line,
    eval_lines,
    reference_fix_line,
)


def _altered() -> re.Pattern[str]:
    assert ftfy_lines._ALTERED is not None
    return ftfy_lines._ALTERED


def _real_lines() -> list[str]:
    """Eval and corpus mojibake, and the same with each no-break space (what byte A0 reads
    as in cp1252 and Latin-1) made a space, as the damage ``restore_byte_a0`` undoes."""
    lines = eval_lines() + corpus_turned_to_mojibake().split("\n")
    lines += [broken(word, "cp1252") for word in ("voil\u00e0 tout", "\u00e0 la", "\u2020 a")]
    return lines + [line.replace("\u00a0", " ") for line in lines if "\u00a0" in line]


def _encodings(text: str) -> list[tuple[str, bytes]]:
    found = []
    for encoding in CHARMAP_ENCODINGS:
        try:
            found.append((encoding, text.encode(encoding)))
        except UnicodeEncodeError:
            continue
    return found


@settings(derandomize=True, max_examples=1000, deadline=None)
@given(
    st.binary(max_size=3),
    st.from_regex(ALTERED_UTF8_RE, fullmatch=True),
    st.binary(max_size=3),
    st.sampled_from(CHARMAP_ENCODINGS),
)
def test_a_match_in_the_bytes_is_one_in_the_text(
    before: bytes, match: bytes, after: bytes, encoding: str
) -> None:
    encoded = before + match + after
    try:
        text = encoded.decode(encoding)
    except UnicodeDecodeError:
        return  # a byte this encoding leaves undefined: no text encodes to it
    assert text.encode(encoding) == encoded
    assert _altered().search(text), (text, encoding)


def test_a_match_in_the_bytes_of_real_lines_is_one_in_the_text() -> None:
    matched = 0
    for line in _real_lines():
        for encoding, encoded in _encodings(line):
            if ALTERED_UTF8_RE.search(encoded):
                matched += 1
                assert _altered().search(line), (line, encoding)
    assert matched > 20


def test_fix_line_is_ftfys_on_real_lines_with_spaces_for_byte_a0() -> None:
    restored = 0
    for line in _real_lines():
        fixed = ftfy_lines.fix_line(line)
        assert fixed == reference_fix_line(line), line
        restored += "restore_byte_a0" in fixed[1]
    assert restored > 5


def test_restore_byte_a0_runs_where_it_repairs() -> None:
    line = broken("voil\u00e0 tout", "cp1252").replace("\u00a0", " ")
    explained = ftfy.fix_encoding_and_explain(line, ftfy_lines._FTFY_CONFIG)
    assert explained.text == "voil\u00e0 tout"
    steps = ", ".join(f"{action} {arg}" for action, arg in explained.explanation or [])
    assert "restore_byte_a0" in steps
    assert ftfy_lines.fix_line(line) == (explained.text, steps)


def test_most_mojibake_lines_have_no_match() -> None:
    # The shortcut pays only if the text pattern is rare in mojibake without the damage.
    lines = corpus_turned_to_mojibake().split("\n")
    assert sum(bool(_altered().search(line)) for line in lines) * 20 < len(lines)


def test_text_pattern_of_toy_patterns() -> None:
    # A pivot first in a branch: no look at the character before it.
    found = text_pattern(re.compile(b"\xc3 |\xe2\x80[ab]"), ["latin-1"])
    assert found is not None
    assert [bool(re.search(found, t)) for t in ("\u00c3 ", "\u00e2\x80a", "\u00e2\x80c")] == [
        True,
        True,
        False,
    ]
    assert text_pattern(re.compile(b"\xc3."), ["latin-1"]) is None
    assert text_pattern(re.compile(b"\xc3 ", re.IGNORECASE), ["latin-1"]) is None
    # A byte no encoding decodes: its branch can match nothing.
    assert text_pattern(re.compile(b"\x81 "), ["windows-1252"]) is None


@settings(derandomize=True, max_examples=500, deadline=None)
@given(damaged_line())
def test_c1_and_surrogates_are_looked_for_where_they_may_be(line: str) -> None:
    fixed, may_hold = ftfy_lines._decode(line, [])
    if not may_hold:
        assert not re.search("[\x80-\x9f\ud800-\udfff]", fixed)
    assert ftfy_lines.fix_line(line) == reference_fix_line(line)
