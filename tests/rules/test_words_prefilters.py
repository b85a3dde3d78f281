"""WRD prefilters: the cheap searches that choose where the word rules look find everything
the rules' own patterns would find in the whole text, on generated and real text.

Each property compares the fast path with a reference kept here: the pattern as it was
written before it was made faster, run everywhere.
"""

from __future__ import annotations

import operator
import re
import string
from itertools import cycle, product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.findings import Hit, Span
from repair.rules.words import _shared, doubled, fragment, phrase, repeat_lines, stem
from repair.rules.words.cut import cut_word_at_end, word_cut_at_line_end
from repair.rules.words.prose import in_prose
from repair.text import LINE_BREAK_WORD, WORD_RUN, folded_word_runs
from tests.conftest import CLEAN_ARTICLE, CORPUS, EVAL, LIVE_BLOG, MT_ARTICLE, corpus_text

# WRD007's pattern as main wrote it until the pattern opened with its first letter: the
# reference that the faster pattern must match match for match.
_WORD = r"\w[\w'\u2019-]*"
_REFERENCE_PHRASE = re.compile(
    rf"""(?<![\w'\u2019-])
        (?P<phrase>
            (?P<head>[A-Za-z0-9])
            (?P<tail>[\w'\u2019-]*(?:[ ]{_WORD}){{1,3}})
        )
        (?P<gap>[ ]|,[ ]|[ ]?["\u201c\u201d][ ]?|,[ ]?["\u201c\u201d][ ]?)
        (?P<copy>[A-Za-z0-9](?P=tail))
        (?![\w'\u2019-])
    """,
    re.VERBOSE,
)

# Words in several cases (a copy may lower the first capital), letters whose lowering is
# not one ASCII letter (final sigma, dotted I, sharp s, a title-case digraph), numbers,
# hyphens and apostrophes inside words, and every gap the pattern allows, with marks that
# touch words (brackets, a dash, a no-break space) and line breaks.
_PHRASE_PIECES = st.sampled_from(
    [
        "the",
        "The",
        "THE",
        "end",
        "End",
        "in",
        "a",
        "A",
        "40",
        "it's",
        "it\u2019s",
        "year-old",
        "\u03a3",
        "\u03c3\u03c2",
        "\u0130t",
        "\u00df",
        "SS",
        "\u01c5",
        "\u00e9t\u00e9",
        "\u00c9t\u00e9",
        "_",
        " ",
        " ",
        " ",
        ", ",
        ",",
        '"',
        "\u201c",
        "\u201d",
        ".",
        "(",
        "\u2014",
        "\u00a0",
        "-",
        "'",
        "\n",
        "\r\n",
    ]
)
_PHRASE_TEXTS = st.lists(_PHRASE_PIECES, max_size=40).map("".join)


def _may_hold_a_repeat(line: str) -> bool:
    """True when some run of two to four words of ``line`` comes twice in a row, up to case
    and punctuation: the reference line filter (WRD007's before it took runs from the
    words of the whole text, repeat_lines.lines_that_may_hold_a_repeat)."""
    words = WORD_RUN.findall(line.lower())
    for size in repeat_lines._SIZES:
        for index, (first, later) in enumerate(zip(words, words[size:], strict=False)):
            if (
                first == later
                and words[index : index + size] == words[index + size : index + 2 * size]
            ):
                return True
    return False


def _reference_phrases(doc: Document) -> list[tuple[tuple[int, int], dict[str, str]]]:
    """WRD007's repeated phrases, found by the reference pattern on every line."""
    text = doc.text
    found = []
    for line in doc.lines:
        if not _may_hold_a_repeat(text[line.start : line.end]):
            continue
        for match in _REFERENCE_PHRASE.finditer(text, line.start, line.end):
            if phrase._is_copy(match) and not phrase._is_intentional(text, match):
                found.append(match)
    return [(m.span(), m.groupdict()) for m in found if in_prose(doc, m.start())]


def _phrases(doc: Document) -> list[tuple[tuple[int, int], dict[str, str]]]:
    return [(m.span(), m.groupdict()) for m in phrase.repeated_phrases(doc)]


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=_PHRASE_TEXTS)
def test_repeated_phrase_pattern_matches_as_the_reference_does(text: str) -> None:
    found = [(m.span(), m.groupdict()) for m in phrase._REPEATED_PHRASE.finditer(text)]
    assert found == [(m.span(), m.groupdict()) for m in _REFERENCE_PHRASE.finditer(text)]


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=_PHRASE_TEXTS)
def test_repeated_phrase_line_prefilter_keeps_every_line_with_a_copy(text: str) -> None:
    doc = Document(text)
    kept = set(repeat_lines.lines_that_may_hold_a_repeat(doc.text))
    for index, line in enumerate(doc.lines):
        matches = _REFERENCE_PHRASE.finditer(doc.text, line.start, line.end)
        if any(phrase._is_copy(match) for match in matches):
            assert index in kept, doc.line_text(index)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=_PHRASE_TEXTS)
def test_repeated_phrases_are_the_reference_phrases(text: str) -> None:
    doc = Document(text)
    assert _phrases(doc) == _reference_phrases(doc)


def _stuttered(line: str, size: int) -> str:
    """``line`` with the last ``size`` words of every run of twelve written twice, after a
    gap the pattern allows; every third copy capitalized (a copy only of a capitalized
    phrase)."""
    words = line.split(" ")
    gaps = [" ", ", ", ' "', "\u201d ", ' ", ']
    pieces = []
    for number, start in enumerate(range(0, len(words), 12)):
        chunk = words[start : start + 12]
        pieces.append(" ".join(chunk))
        if len(chunk) == 12:
            copy = " ".join(chunk[-size:])
            if number % 3 == 2:
                copy = copy[0].upper() + copy[1:]
            pieces.append(gaps[number % len(gaps)] + copy + " ")
        else:
            pieces.append(" ")
    return "".join(pieces).rstrip(" ")


@pytest.mark.parametrize("path", [CLEAN_ARTICLE, LIVE_BLOG, MT_ARTICLE])
@pytest.mark.parametrize("size", [2, 3, 4])
def test_repeated_phrases_are_the_reference_phrases_in_stuttered_articles(
    path: Path, size: int
) -> None:
    """Real lines with phrases of ``size`` words written twice: the faster path finds what
    the reference finds."""
    lines = corpus_text(path).splitlines()
    doc = Document("\n".join(_stuttered(line, size) for line in lines) + "\n")
    expected = _reference_phrases(doc)
    assert len(expected) > 5
    assert _phrases(doc) == expected


@pytest.mark.parametrize("size", [2, 3, 4])
def test_repeated_phrase_line_prefilter_finds_a_repeat_of_each_size(size: int) -> None:
    words = " ".join(["one", "two", "three", "four"][:size])
    text = f"No repeat.\n\nIt said {words}, {words.capitalize()} again.\n{words} {words}\n{words}"
    assert repeat_lines.lines_that_may_hold_a_repeat(text) == [2, 3]


# WRD002-WRD004's word-start search as main wrote it before its first-letter look-ahead,
# with both words on one line (no rule's copies stand on two).
_LETTERS = "A-Za-z\u0130\u0131\u017f\u212a"
_REFERENCE_AHEAD = rf"""(?=((?>([a-z]{{7}})[{_LETTERS}]*+|[{_LETTERS}]++))
    [^{_LETTERS}0-9_\n]++(?:(?i:\1)|\2))"""
_REFERENCE_AFTER = re.compile(rf"[^A-Za-z0-9_]{_REFERENCE_AHEAD}", re.VERBOSE)
_REFERENCE_AT = re.compile(_REFERENCE_AHEAD, re.VERBOSE)

# Words that start one another in any case, stems of seven letters, the letters that
# IGNORECASE matches to ASCII ones (dotted and dotless i, long s, Kelvin sign), and what
# may or may not stand between two words: digits, underscores, apostrophes, hyphens,
# letters outside ASCII, quote marks, line breaks.


def _reference_starts(text: str) -> list[int]:
    starts = [match.end() for match in _REFERENCE_AFTER.finditer(text)]
    return [0, *starts] if _REFERENCE_AT.match(text) else starts


_WORDS_AND_SEPARATORS = [  # pieces of both strategies below
    "the",
    "The",
    "THE",
    "theory",
    "t",
    "s",
    "strategy",
    "strategist",
    "Strategy",
    "it",
    "k",
    "9",
    "_",
    " ",
    " ",
    ", ",
    "'",
    "\u2019",
    "-",
    "\u201c",
    "\n",
]
_START_PIECES = st.sampled_from(
    [*_WORDS_AND_SEPARATORS, "S", "\u0130t", "\u0131t", "\u017fo", "so", "\u212a", "\u00e9"]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_START_PIECES, max_size=30).map("".join))
def test_repeat_starts_are_the_reference_starts(text: str) -> None:
    assert list(_shared.repeat_starts(Document(text))) == _reference_starts(text)


@pytest.mark.parametrize("path", [CLEAN_ARTICLE, LIVE_BLOG, MT_ARTICLE])
def test_repeat_starts_are_the_reference_starts_in_articles(path: Path) -> None:
    text = corpus_text(path)
    text += "\n" + " ".join(f"{word} {word.upper()}, {word}" for word in text.split()[:400])
    expected = _reference_starts(text)
    assert len(expected) > 400
    assert list(_shared.repeat_starts(Document(text))) == expected


# Texts read one byte a character (``_shared._starts_in``): no letter outside ASCII that the
# starts' letter class or case-blind comparisons take for one, and every kind of character
# the reading turns to a space or whose UTF-8 it shortens: punctuation, tabs, carriage
# returns, no-break and Unicode spaces, letters outside ASCII of two, three and four bytes,
# a lone surrogate, the line separators that are no line break.
_ONE_BYTE_PIECES = st.sampled_from(
    [
        *_WORDS_AND_SEPARATORS,
        "\t",
        "\r",
        "\u00a0",
        "\u3000",
        "\u00e9",
        "\u00c9t\u00e9",
        "\u4e2d",
        "\U0001f600",
        "\ud800",
        "\x85",
        "\u2028",
    ]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=st.lists(_ONE_BYTE_PIECES, max_size=30).map("".join))
def test_repeat_starts_read_one_byte_a_character_are_the_reference_starts(text: str) -> None:
    assert not any(letter in text for letter in _shared._LETTERS_OUTSIDE_ASCII)
    assert _shared._starts_in(text) == [(start,) for start in _reference_starts(text)]


def test_repeat_starts_are_the_reference_starts_in_real_texts() -> None:
    """Every real text, as written and with words written twice: the starts read one byte a
    character (most texts) or as written (a text with a letter of the four) are the
    reference's."""
    found = 0
    for text in _eval_texts():
        for source in (text, _doubled_words(text)):
            expected = _reference_starts(source)
            assert _shared._starts_in(source) == [(start,) for start in expected]
            found += len(expected)
    assert found > 1000


def test_only_the_four_letters_outside_ascii_read_as_letters() -> None:
    """The characters outside ASCII that ``[a-z]`` takes in any case (so each that ``re``'s
    case-blind comparison, which lowers both sides, finds equal to an ASCII letter) are the
    four whose texts are searched as written: every other reads as a space and loses
    nothing."""
    ascii_letter = re.compile("(?i)[a-z]")
    as_letters = {chr(code) for code in range(0x80, 0x110000) if ascii_letter.fullmatch(chr(code))}
    assert as_letters == set(_shared._LETTERS_OUTSIDE_ASCII)
    for letter in _shared._LETTERS_OUTSIDE_ASCII:
        assert re.fullmatch(f"[{_LETTERS}]", letter)
    # And re's case-blind back reference, letter by letter, agrees.
    pattern = re.compile(r"(?P<l>[A-Za-z])(?i:(?P=l))")
    for letter in _shared._LETTERS_OUTSIDE_ASCII:
        if any(pattern.fullmatch(ascii + letter) for ascii in string.ascii_letters):
            assert letter in "\u0130\u212a"


# WRD007's run search as main wrote it before it compared only the words at multiples of
# the run's size: every word with the word ``size`` later, and a search for ``size`` equal
# flags in a row. The reference gives every run start, not one per line.
def _reference_runs(words: list[bytes]) -> list[int]:
    starts: set[int] = set()
    for size in (2, 3, 4):
        flags = bytes(map(operator.eq, words, words[size:]))
        at = flags.find(b"\x01" * size)
        while at != -1:
            starts.add(at)
            at = flags.find(b"\x01" * size, at + 1)
    return sorted(starts)


def _real_texts() -> list[str]:
    """The sample corpus and the scraped pages of ../shared/eval, when it is here."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt"))]
    scraped = EVAL / "scraped"
    if scraped.is_dir():
        pages = sorted(scraped.glob("*.txt")) + sorted(scraped.glob("*.md"))
        texts += [path.read_text(encoding="utf-8") for path in pages]
    return texts


@settings(derandomize=True, max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from([b"a", b"b", b"c", LINE_BREAK_WORD]), max_size=40))
def test_repeat_runs_are_the_reference_runs(words: list[bytes]) -> None:
    """Few distinct words: runs of every size, overlapping, at every offset and at both
    ends, across line breaks."""
    assert repeat_lines.repeat_runs(words) == _reference_runs(words)


@pytest.mark.parametrize("size", [2, 3, 4])
def test_repeat_runs_are_the_reference_runs_in_real_text(size: int) -> None:
    """Real text, as it is and with phrases of ``size`` words written twice."""
    checked = 0
    for text in _real_texts():
        stuttered = "\n".join(_stuttered(line, size) for line in text.splitlines())
        for source in (text, stuttered):
            words = folded_word_runs(source)
            expected = _reference_runs(words)
            assert repeat_lines.repeat_runs(words) == expected
            checked += len(expected)
    assert checked > 100


def _reference_cut_words(doc: Document) -> list[Span]:
    """WRD006's spans as main found them: every paragraph but the last asked in turn."""
    spans = (cut_word_at_end(doc, paragraph) for paragraph in doc.paragraphs[:-1])
    return [span for span in spans if span is not None]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["th", "governm", "of", "the", "W", ".", "!", ")", " ", "\n", "\n\n"]),
        max_size=30,
    ).map("".join)
)
def test_cut_words_are_the_reference_cut_words(text: str) -> None:
    doc = Document(text)
    assert [hit.span for hit in word_cut_at_line_end(doc, None)] == _reference_cut_words(doc)


def test_cut_words_are_the_reference_cut_words_in_real_text() -> None:
    found = 0
    for text in _real_texts():
        # Every other paragraph cut in its last word, as a scraper's teaser would be.
        cut = "\n".join(
            line[: line.rfind(" ") + 3] if number % 2 and " " in line else line
            for number, line in enumerate(text.splitlines())
        )
        for source in (text, cut):
            doc = Document(source)
            expected = _reference_cut_words(doc)
            assert [hit.span for hit in word_cut_at_line_end(doc, None)] == expected
            found += len(expected)
    assert found > 10


_REPEAT_RULES = (doubled.doubled_word, fragment.repeated_fragment, stem.same_stem_words)


def _repeat_hits(doc: Document) -> list[Hit]:
    return [hit for rule in _REPEAT_RULES for hit in rule(doc, None)]


def _reference_repeat_hits(text: str, monkeypatch: pytest.MonkeyPatch) -> list[Hit]:
    """WRD002-WRD004's hits with each pattern searched in the whole text, as main did
    before the word starts."""
    with monkeypatch.context() as patch:
        for module in (doubled, fragment, stem):
            patch.setattr(
                module, "matches_at", lambda pattern, text, starts: pattern.finditer(text)
            )
        return _repeat_hits(Document(text))


def _doubled_words(text: str) -> str:
    """``text`` with one word in seven written twice, in the ways WRD002-WRD004 find:
    after a space, a tab, a comma, quote marks or a line break, as written or capitalized,
    three times, or as a longer word of its stem."""
    gaps = [" ", "\t", ", ", '", "', "\n", " ", "-"]
    words = text.split(" ")
    for index in range(0, len(words), 7):
        word = words[index]
        gap = gaps[(index // 7) % len(gaps)]
        copy = word.capitalize() if index % 3 else word + "ist"
        words[index] = f"{word}{gap}{copy}" + (f"{gap}{word}" if index % 5 == 0 else "")
    return " ".join(words)


@settings(derandomize=True, max_examples=300, deadline=None)
@given(text=st.lists(_START_PIECES, max_size=30).map("".join))
def test_repeat_rules_find_what_the_whole_text_search_finds(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _repeat_hits(Document(text)) == _reference_repeat_hits(text, monkeypatch)


def test_repeat_rules_find_what_the_whole_text_search_finds_in_real_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = 0
    for text in _real_texts():
        for source in (text, _doubled_words(text)):
            expected = _reference_repeat_hits(source, monkeypatch)
            assert _repeat_hits(Document(source)) == expected
            found += len(expected)
    assert found > 100


def test_repeat_starts_in_a_fix_run_are_those_of_a_fresh_document() -> None:
    """A fix run keeps each line's starts by its text: a later pass's document, whose lines
    are partly known, gets the starts (and hits) of a document that knows none."""
    texts = [_doubled_words(text) for text in _real_texts()[:40]]
    first = Document(texts[0])
    first.keep_run_memo()
    assert _shared.repeat_starts(first) == _shared.repeat_starts(Document(first.text))
    document = first
    for later_text in texts[1:]:
        # Half the lines of the text before, half new: known and unknown lines side by side.
        before = document.text.split("\n")
        mixed = "\n".join(
            line if number % 2 else old
            for number, (line, old) in enumerate(zip(later_text.split("\n"), cycle(before)))
        )
        document = document.with_text(mixed)
        fresh = Document(mixed)
        assert _shared.repeat_starts(document) == _shared.repeat_starts(fresh)
        assert _repeat_hits(document) == _repeat_hits(fresh)


def _eval_texts() -> list[str]:
    """The real texts, and the machine translations of ../shared/eval/mqm-zhen when it is
    here."""
    docs = EVAL / "mqm-zhen" / "docs"
    paths = sorted(docs.glob("*.txt")) if docs.is_dir() else []
    return _real_texts() + [path.read_text(encoding="utf-8") for path in paths]


@pytest.mark.parametrize("size", [2, 3, 4])
def test_repeated_phrases_are_the_reference_phrases_in_real_texts(size: int) -> None:
    """Every real text, with phrases of ``size`` words written twice: the lines the run
    filter keeps (runs across a line break left out, no second test of each line's words)
    hold every phrase the reference pattern finds on any line."""
    found = 0
    for text in _eval_texts():
        stuttered = "\n".join(_stuttered(line, size) for line in text.splitlines())
        for source in (text, stuttered):
            doc = Document(source)
            expected = _reference_phrases(doc)
            assert _phrases(doc) == expected
            found += len(expected)
    assert found > 100


@settings(derandomize=True, max_examples=500, deadline=None)
@given(text=_PHRASE_TEXTS)
def test_repeated_phrase_line_prefilter_keeps_only_lines_with_a_run_on_them(text: str) -> None:
    """Each line kept holds two to four words written twice on it (up to case): a run that
    crosses a line break keeps no line."""
    lines = text.split("\n")
    for index in repeat_lines.lines_that_may_hold_a_repeat(text):
        words = folded_word_runs(lines[index])
        assert repeat_lines.repeat_runs(words), lines[index]


_GAP = re.compile(r"""[ ]|,[ ]|[ ]?["\u201c\u201d][ ]?|,[ ]?["\u201c\u201d][ ]?""")


@pytest.mark.parametrize(
    "gap",
    [
        "".join(chars)
        for size in range(1, 5)
        for chars in product(" ,\"\u201c\u201d.'", repeat=size)
        if _GAP.fullmatch("".join(chars))
    ],
)
def test_repeated_phrase_line_prefilter_keeps_a_copy_after_every_gap(gap: str) -> None:
    """Every gap the pattern allows, the longest ones included, between a phrase and its
    copy (the copy's capital lowered too): the line filter, which looks for the phrase, a
    gap and the phrase again in the line, keeps the line."""
    for phrase_text, copy in (("said that", "said that"), ("In the end", "in the end")):
        text = f"A line.\nHe {phrase_text}{gap}{copy} then.\nThe end.\n"
        doc = Document(text)
        assert _reference_phrases(doc), text
        assert repeat_lines.lines_that_may_hold_a_repeat(text) == [1]
        assert _phrases(doc) == _reference_phrases(doc)


def test_repeated_phrase_line_prefilter_keeps_every_line_with_a_copy_in_real_texts() -> None:
    """Every real text, as written and with phrases of two to four words written twice
    after each gap the pattern allows in turn (a capitalized copy now and then): every
    line where the reference pattern finds a copy that the copy test takes is kept; and
    of the texts as written, it keeps few lines without one (runs of words split by a
    full stop or a mark the pattern does not take, "the deal. The deal")."""
    gaps = sorted(
        "".join(chars)
        for size in range(1, 5)
        for chars in product(' ,"\u201c\u201d', repeat=size)
        if _GAP.fullmatch("".join(chars))
    )
    with_copy = kept_without = 0
    for number, text in enumerate(_eval_texts()):
        lines = []
        for index, line in enumerate(text.splitlines()):
            words = line.split(" ")
            size = 2 + index % 3
            if len(words) > size + 3:
                copy = " ".join(words[2 : 2 + size])
                gap = gaps[(number + index) % len(gaps)]
                words[1 + size] += gap + (copy.capitalize() if index % 4 == 0 else copy)
            lines.append(" ".join(words))
        for source in (text, "\n".join(lines)):
            doc = Document(source)
            kept = set(repeat_lines.lines_that_may_hold_a_repeat(source))
            for index, line in enumerate(doc.lines):
                matches = _REFERENCE_PHRASE.finditer(source, line.start, line.end)
                if any(phrase._is_copy(match) for match in matches):
                    assert index in kept, doc.line_text(index)
                    with_copy += 1
                elif index in kept and source is text:
                    kept_without += 1
    assert with_copy > 1000
    assert kept_without < 10


def test_a_line_of_many_runs_written_apart_is_kept_untested() -> None:
    """Each run's test reads the whole line: a line past ``_TESTS_A_LINE`` runs none of
    which is written as a copy is kept (the pattern decides), so a long line of runs costs
    a few tests, not one per run (quadratic: ``test_rule_growth``'s spaced quote marks)."""
    few = " ".join(f"p{n} q{n}. p{n} q{n}." for n in range(repeat_lines._TESTS_A_LINE))
    many = " ".join(f"p{n} q{n}. p{n} q{n}." for n in range(repeat_lines._TESTS_A_LINE + 1))
    spaced = '" a "' * 200
    assert repeat_lines.lines_that_may_hold_a_repeat(f"{few}\n{many}\n{spaced}\n") == [1, 2]
    assert not phrase._REPEATED_PHRASE.search(many)  # kept, and still no copy found
