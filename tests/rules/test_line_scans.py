"""Document-wide scans made faster or kept by line in a fix run find what they found before.

STR003's keys computed over the whole text (``keys_of``) and its repeats found in bulk are
held to the rule as main wrote it (kept here); the ENC scan for stray characters and the
GLU scan for capitals, kept by line in a fix run (encoding/_by_line.py), are held to a
search of the whole text of a fresh document, on real text and on generated text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Span
from repair.rules.encoding import characters
from repair.rules.glued import _evidence, _scan
from repair.rules.scraping._lines import text_lines
from repair.rules.structure import repeated
from repair.rules.structure._common import WORD, excerpt
from tests.conftest import CORPUS, EVAL

REAL = [
    *sorted(CORPUS.glob("*.*")),
    *sorted((EVAL / "scraped").glob("*.txt"))[:60],
    *sorted((EVAL / "mqm-zhen" / "docs").glob("*"))[:60],
]


def _reference_repeats(doc: Document) -> list[Hit]:
    """STR003 as main wrote it: every line's key computed and compared in one loop."""
    seen: set[str] = set()
    previous = ""
    previous_end = 0
    hits = []
    for line, line_text in zip(doc.lines, doc.text.split("\n"), strict=True):
        key = repeated._normalized(line_text)
        if not key:
            continue
        adjacent = key == previous
        count = len(WORD.findall(key)) if adjacent or key in seen else 0
        if count >= 3 and (adjacent or count >= 10):
            where = "the line before" if adjacent else "an earlier line"
            hits.append(
                Hit(
                    f'Line repeats {where}: "{excerpt(key, 80)}"',
                    Span(line.start, line.end),
                    Fix.replace(
                        previous_end, line.end, "", Applicability.UNSAFE, "Remove the repeated line"
                    ),
                )
            )
        seen.add(key)
        previous, previous_end = key, line.end
    return hits


def _repeats(doc: Document) -> list[Hit]:
    return list(repeated.repeated_line(doc, None))  # type: ignore[arg-type]


def _doubled(text: str, every: int) -> str:
    """``text`` with every ``every``-th line written again after it, with its spaces and
    marks changed, and some lines written again far below."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        out.append(line)
        if index % every == 0:
            out.append(["## ", "", " *", "\t"][index % 4] + line.replace(" ", "  ", 1) + " _")
    return "\n".join([*out, *lines[::every]])


def _edited(text: str) -> str:
    """``text`` as a pass could leave it: a line inserted before it (every offset moves),
    one line changed, one written twice."""
    lines = text.split("\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle].replace(" ", "  ", 1) + " Photo: ReutersThe end\u00ad"
    lines.insert(middle, lines[middle // 2])
    return "New first lineThe start,\x07 he said.\n" + "\n".join(lines)


def _texts() -> Iterator[tuple[str, str]]:
    for path in REAL:
        text = path.read_text(encoding="utf-8")
        yield path.name, text
        yield f"{path.name} doubled", _doubled(text, 3)


def test_repeated_lines_are_the_reference_repeats_in_real_text() -> None:
    found = 0
    for name, text in _texts():
        doc = Document.from_text(text, path=name.split()[0])
        hits = _repeats(doc)
        assert hits == _reference_repeats(doc), name
        found += len(hits)
    assert found > 100  # the doubled texts repeat lines, near and far


@pytest.mark.parametrize("path", REAL[:30], ids=lambda p: p.name)
def test_repeated_lines_in_a_fix_run_are_those_of_a_fresh_document(path: Path) -> None:
    first = Document.from_text(_doubled(path.read_text(encoding="utf-8"), 4), path=str(path))
    first.keep_run_memo()
    assert _repeats(first) == _reference_repeats(first)
    later = first
    for change in (_edited, lambda text: _doubled(text, 5), _edited):
        later = later.with_text(change(later.text))
        assert later.run_memo(repeated._KEYS)  # filled by the passes before
        fresh = Document(later.text, path=later.path, text_format=later.format)
        assert _repeats(later) == _reference_repeats(fresh)


def test_other_spaces_are_every_space_but_the_space_and_the_line_feed() -> None:
    spaces = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(repeated._OTHER_SPACES) == spaces - {" ", "\n"}
    assert len(repeated._OTHER_SPACES) == len(set(repeated._OTHER_SPACES))


_LINE_PIECES = st.sampled_from(
    [
        "Harbour Director's Pivotal Council Visit",
        "one two three four five six seven eight nine ten",
        "a b",
        " ",
        "  ",
        "\t",
        "\u00a0",
        "\u3000",
        "\x0b",
        "#",
        "## ",
        "> ",
        "*",
        "_",
        "**",
        "\u200b",
        "\x07",
        "x",
    ]
)
_LINES = st.lists(_LINE_PIECES, max_size=5).map("".join)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(lines=st.lists(_LINES, max_size=12), plain=st.booleans())
def test_keys_of_a_text_are_the_keys_of_its_lines(lines: list[str], plain: bool) -> None:
    if plain:  # the text's own scans take the shortcut
        lines = [
            line.replace("\t", " ").replace("\u00a0", "").replace("\u3000", "") for line in lines
        ]
        lines = [line.replace("\x0b", "") for line in lines]
    text = "\n".join(lines)
    keys = repeated.keys_of(text, lines)
    assert keys == list(map(repeated.line_key, lines))
    assert keys == list(map(repeated._normalized, lines))


@settings(derandomize=True, max_examples=400, deadline=None)
@given(
    lines=st.lists(st.sampled_from(["", "one two three", "## one  two three", "x"]), max_size=14)
)
def test_repeated_lines_of_generated_text_are_the_reference_repeats(lines: list[str]) -> None:
    doc = Document("\n".join(lines))
    assert _repeats(doc) == _reference_repeats(doc)


# Scans kept by line ------------------------------------------------------------------------


def _odd(doc: Document) -> list[int]:
    return characters._odd_characters(doc)


def _odd_reference(text: str) -> list[int]:
    return [match.start() for match in characters._ODD_CHARACTER.finditer(text)]


def _capitals(doc: Document) -> list[int]:
    return list(_scan.capital_hits(doc))


def _capitals_reference(text: str) -> list[int]:
    return [match.start() for match in _scan._CAPITAL_TRIGGER.finditer(text)]


SCANS = [(_odd, _odd_reference), (_capitals, _capitals_reference)]


@pytest.mark.parametrize(("scan", "reference"), SCANS, ids=["odd", "capitals"])
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_scans_kept_by_line_in_a_fix_run_are_those_of_the_whole_text(
    path: Path, scan: object, reference: object
) -> None:
    assert callable(scan) and callable(reference)
    doc = Document.from_text(_doubled(path.read_text(encoding="utf-8"), 6), path=str(path))
    doc.keep_run_memo()
    text_lines(doc)
    assert scan(doc) == reference(doc.text)
    for _ in range(3):  # each pass: a few changed lines, searched apart
        doc = doc.with_text(_edited(doc.text))
        assert scan(doc) == reference(doc.text)


_SCAN_CHARS = st.sampled_from(list("aAbBZ9% \n\n\x07\x00\u00ad\u200b\ufeff\u2066\u00e9\u2019xy"))
_SCAN_TEXTS = st.lists(_SCAN_CHARS, max_size=60).map("".join)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(texts=st.lists(_SCAN_TEXTS, min_size=1, max_size=4))
def test_scans_kept_by_line_over_a_run_of_texts(texts: list[str]) -> None:
    """Each text a pass of one run (sharing the memo), the lines of one often those of the
    one before, moved or repeated: each finds what a fresh search of its text finds."""
    doc = Document(texts[0])
    doc.keep_run_memo()
    for index, text in enumerate(texts):
        if index:
            # Lines of the text before, in another order, beside the new text's.
            old = doc.text.split("\n")
            doc = doc.with_text("\n".join([*old[::-1], text, *old]))
        for scan, reference in SCANS:
            assert scan(doc) == reference(doc.text), scan.__name__


# A glued token written twice ---------------------------------------------------------------


def _reference_twice(token: str, text: str) -> bool:
    """GLU001's test as main wrote it: two searches of the whole text."""
    first = text.find(token)
    return first >= 0 and text.find(token, first + len(token)) >= 0


def test_tokens_written_twice_in_real_text_are_found_as_the_searches_find_them() -> None:
    twice = tokens = 0
    for name, text in _texts():
        for variant in (text, _edited(text) + " " + _edited(text)):
            doc = Document(variant)
            for match in _scan.mixed_case_tokens(doc):
                expected = _reference_twice(match[0], variant)
                assert _evidence.written_twice(match[0], doc) == expected, (name, match[0])
                twice += expected
                tokens += 1
    assert twice > 20 and tokens > twice  # both answers are given


_TOKEN_TEXTS = st.lists(st.sampled_from(list("aAbB9% .\nAAAa")), max_size=40).map("".join)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(text=_TOKEN_TEXTS, pieces=st.lists(st.sampled_from(list("aAbB")), min_size=2, max_size=7))
def test_any_token_written_twice_is_found_as_the_searches_find_it(
    text: str, pieces: list[str]
) -> None:
    """Tokens made of the letters around them, so that copies overlap, touch and sit
    inside longer runs of letters; the text's own mixed-case tokens too."""
    token = "".join(pieces)
    doc = Document(text)
    for candidate in [token, *(match[0] for match in _scan.mixed_case_tokens(doc))]:
        assert _evidence.written_twice(candidate, doc) == _reference_twice(candidate, text)


@pytest.mark.parametrize(
    ("token", "text"),
    [
        ("aAaA", "aAaAaA"),  # copies that overlap: not twice
        ("aAaA", "aAaAaAaA"),
        ("aAaA", "xaAaA aAaAy"),
        ("BBCa", "BBCBBCa BBCa"),
        ("dealsAnd", "dealsAnd"),
        ("dealsAnd", "dealsAndealsAnd"),
        ("dealsAnd", "dealsAnd\ndealsAnd"),
        ("sAnd", "dealsAnd, dealsAnd"),
    ],
)
def test_tokens_written_twice_at_the_edges(token: str, text: str) -> None:
    assert _evidence.written_twice(token, Document(text)) == _reference_twice(token, text)
