"""What ENC002 reads from ftfy's patterns (repair/rules/encoding/ftfy_patterns.py), against
ftfy itself: every badness match holds a hit of the line filter built from it, on every
pair of the characters mojibake is made of, in the contexts the pattern looks at, and on
text generated from ftfy's own pattern; ``replace_lossy_sequences`` leaves every line
without a character read from its pattern as it is; and toy patterns of known shapes."""

from __future__ import annotations

import json
import re
from typing import Final

import ftfy
import ftfy.bad_codecs  # registers the sloppy codecs
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import CHARMAP_ENCODINGS
from ftfy.fixes import replace_lossy_sequences
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.encoding import ftfy_lines
from repair.rules.encoding.ftfy_patterns import badness_triggers, lossy_characters
from tests.conftest import require_eval
from tests.rules.encoding_reference import broken, corpus_turned_to_mojibake, eval_lines

# The characters mojibake is made of: what a byte of 0x80-0xFF reads as in the encodings
# ftfy undoes, C1 controls included (Latin-1), and U+FFFD. Made without ftfy's pattern.
MOJIBAKE_ALPHABET: Final = sorted(
    {bytes([b]).decode(e, errors="ignore") for b in range(0x80, 0x100) for e in CHARMAP_ENCODINGS}
    - {""}
    | {"\ufffd", "\uf8ff"}
)


def _filter_hits(text: str) -> bool:
    assert ftfy_lines._MAY_NEED_FTFY is not None
    return ftfy_lines._MAY_NEED_FTFY.search(text) is not None


def test_the_alphabet_is_the_mojibake_of_many_encodings() -> None:
    assert len(MOJIBAKE_ALPHABET) > 400
    assert {"\u00c3", "\u20ac", "\u2502", "\u0412", "\x9d", "\u221a"} <= set(MOJIBAKE_ALPHABET)


@pytest.mark.parametrize("context", ["{}{}", "a{}{}", " {}{}", "{}{}a", "{}{} ", ".{}{} "])
def test_every_badness_match_of_two_mojibake_characters_is_a_hit(context: str) -> None:
    # Every pair, in the contexts the pattern's branches ask for around two characters (a
    # letter before, a space before or after, a word character after, punctuation).
    matched = 0
    for first in MOJIBAKE_ALPHABET:
        for second in MOJIBAKE_ALPHABET:
            text = context.format(first, second)
            if BADNESS_RE.search(text):
                matched += 1
                assert _filter_hits(text), text
    assert matched > 10_000


def test_every_badness_match_of_three_mojibake_characters_around_a_pair_is_a_hit() -> None:
    # Branches of three characters whose first and last come from one set (Cyrillic and
    # Greek mojibake): the pair doubled on either side.
    matched = 0
    for first in MOJIBAKE_ALPHABET:
        for second in MOJIBAKE_ALPHABET:
            for text in (first + second + first, first + second + second):
                if BADNESS_RE.search(text):
                    matched += 1
                    assert _filter_hits(text), text
    assert matched > 10_000


@settings(derandomize=True, max_examples=600, deadline=None)
@given(st.from_regex(BADNESS_RE, fullmatch=True))
def test_text_made_from_ftfys_pattern_is_a_hit_and_bad(text: str) -> None:
    assert _filter_hits(text)
    assert ftfy_lines.is_bad(text)


# Text around such a match: any code point (lone surrogates, astral, controls included).
AROUND: Final = st.text(st.characters(exclude_categories=()), max_size=12)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(AROUND, st.from_regex(BADNESS_RE, fullmatch=True) | st.just(""), AROUND)
def test_badness_in_windows_is_ftfys_in_any_text(before: str, match: str, after: str) -> None:
    text = before + match + after
    assert ftfy_lines.is_bad(text) == is_bad(text)


def test_badness_in_windows_is_ftfys_on_real_lines() -> None:
    lines = eval_lines() + corpus_turned_to_mojibake().split("\n")
    assert sum(is_bad(line) for line in lines) > 60
    for line in lines:
        assert ftfy_lines.is_bad(line) == is_bad(line), line


def test_the_filter_passes_over_clean_text_of_other_scripts() -> None:
    # Not a matter of right or wrong but of cost: Cyrillic, Greek and CJK text, all of it
    # non-ASCII, and curly quotes after Latin letters give no hit.
    clean = (
        "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440! \u0412\u0421\u0415 "
        "\u0393\u03b5\u03b9\u03ac \u03c3\u03bf\u03c5 \u5317\u4eac\u5e02\u3002 "
        "caf\u00e9 \u201cna\u00efve\u201d \u2014 it\u2019s"
    )
    assert not _filter_hits(clean)
    doc = Document.from_text(clean)
    assert ftfy_lines.lines_to_fix_marked(doc) == []


# --- lossy sequences ------------------------------------------------------------------------


def _lossy_class() -> re.Pattern[str]:
    assert ftfy_lines._LOSSY is not None
    return ftfy_lines._LOSSY


def test_the_lossy_characters_are_few() -> None:
    assert {"\ufffd", "?"} <= {c for c in map(chr, range(0x10000)) if _lossy_class().match(c)}
    assert not _lossy_class().search("Sch\u00c3\u00b6n caf\u00e9 \u00e2\u20ac\u0153")


def test_only_the_lossy_characters_encode_to_a_byte_a_lossy_sequence_needs() -> None:
    # Every code point of the BMP (no single-byte table reaches farther), in every encoding
    # ftfy tries: its byte is in no lossy sequence unless it is one of the lossy characters.
    # (The bytes a lossy sequence needs, found from the fixer itself.)
    needed = set()
    for byte in range(256):
        for lead in (b"\xc3", b"\xe2\x80", b"\xf0\x9f\x98"):
            if replace_lossy_sequences(lead + bytes([byte])) != lead + bytes([byte]):
                needed.add(byte)
    assert needed == {0x1A, ord("?")}
    for code in range(0x10000):
        char = chr(code)
        if _lossy_class().match(char):
            continue
        for encoding in CHARMAP_ENCODINGS:
            try:
                encoded = char.encode(encoding)
            except UnicodeEncodeError:
                continue
            assert not needed & set(encoded), (char, encoding)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.text(st.sampled_from([*MOJIBAKE_ALPHABET, "a", " ", "?", "\x1a"]), max_size=16))
def test_replace_lossy_sequences_leaves_text_without_lossy_characters(text: str) -> None:
    for encoding in CHARMAP_ENCODINGS:
        try:
            encoded = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        if _lossy_class().search(text) is None:
            assert replace_lossy_sequences(encoded) == encoded


def test_lossy_sequences_are_fixed_as_ftfy_does() -> None:
    # A curly quote read as cp1252 with U+FFFD for its undefined byte, and "\u00c3?" (an
    # "\u00e0" whose second byte became "?"): ftfy's lossy fixer is needed and runs.
    for line in ("\u00e2\u20ac\u0153quoted\u00e2\u20ac\ufffd", "voil\u00c3? caf\u00c3\u00a9"):
        explained = ftfy.fix_encoding_and_explain(line, ftfy_lines._FTFY_CONFIG)
        assert "replace_lossy_sequences" in str(explained.explanation)
        steps = ", ".join(f"{action} {arg}" for action, arg in explained.explanation or [])
        assert ftfy_lines.fix_line(line) == (explained.text, steps)


# --- patterns of other shapes -----------------------------------------------------------------


def test_badness_triggers_of_a_toy_pattern() -> None:
    pattern = re.compile(
        "[a\u00e9][\u00fc\u20ac]\u00f6|\u00c3x|q[\u0391\u0392]|[\u00e0\u00e1]\u00a9"
    )
    alone, first, second, width = badness_triggers(pattern) or ("", "", "", 0)
    # "\u00c3x" and "q[\u0391\u0392]": no two non-ASCII items side by side, one non-ASCII item.
    assert (alone, width) == ("\\U000000c3\\U00000391\\U00000392", 3)
    # "[\u00fc\u20ac]\u00f6", as "[a\u00e9]" holds an ASCII letter, and "[\u00e0\u00e1]\u00a9".
    assert first == "\\U000000e0\\U000000e1\\U000000fc\\U000020ac"
    assert second == "\\U000000a9\\U000000f6"


def test_badness_triggers_give_up_on_a_branch_without_a_non_ascii_item() -> None:
    assert badness_triggers(re.compile("q[\u0391\u0392]|ab")) is None
    assert badness_triggers(re.compile("[^a]\u00e9")) is not None
    assert badness_triggers(re.compile("\\w\\s")) is None
    assert badness_triggers(re.compile("\u00e9\u00e9", re.IGNORECASE)) is None


def test_lossy_characters_of_toy_patterns() -> None:
    assert lossy_characters(re.compile(b"\xc3[?]|\x1a"), ["latin-1"]) == "\\U0000001a\\U0000003f"
    assert lossy_characters(re.compile(b"[\xc2-\xc3]\x1a|.+"), ["latin-1"]) is None


# --- the lines picked, against ftfy's own test on every line ---------------------------------


def _picked(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = Document.from_text(text)
    fast = ftfy_lines.lines_to_fix_marked(doc)
    with monkeypatch.context() as patched:
        patched.setattr(ftfy_lines, "_SHAPE", None)
        slow = ftfy_lines.lines_to_fix_marked(doc)
    assert [(span, line) for span, line, _ in fast] == [(span, line) for span, line, _ in slow]
    assert all(is_bad(line) for _, line, known_bad in fast if known_bad)


def test_the_lines_picked_are_ftfys_in_chinese_english_and_scraped_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    segments = require_eval("mqm-zhen/segments.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in segments[:600]]
    text = "\n".join(row[key] for row in rows for key in ("source", "target", "reference"))
    scraped = sorted(require_eval("scraped").glob("*.txt"))
    text += "\n" + "\n".join(path.read_text(encoding="utf-8") for path in scraped)
    _picked(text, monkeypatch)
    # and the same text turned to mojibake line by line, with ftfy's own cases
    _picked("\n".join(broken(line, "cp1252") for line in text.split("\n")[:3000]), monkeypatch)
    _picked("\n".join(eval_lines()), monkeypatch)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(st.lists(AROUND | st.from_regex(BADNESS_RE, fullmatch=True), max_size=8).map("".join))
def test_the_lines_picked_are_ftfys_in_generated_text(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _picked(text, monkeypatch)
