"""Language detection decided on the first pieces of a sample answers as reading it all does."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import data, language, language_prefix, language_words
from repair.document import Document
from tests.conftest import CORPUS, FIXTURES, require_eval

_MARKERS = sorted(data.word_set("language-english-markers"))


def full_detection(sample: str) -> str:
    """Detection reading every word of ``sample`` and deciding on the counts of all of them,
    as :func:`repair.language._detect_in_sample` did before it learnt to decide early."""
    tokens = language_words.LATIN_WORD.findall(sample)
    words = language_words.plain_words(tokens)
    others = language_words.other_letters(sample)
    if others >= language._MIN_OTHER_LETTERS and others > 2 * sum(map(len, words)):
        return language._other_script_language(sample)
    if not others and all(len(token) < 2 for token in tokens):
        return language.NO_WORDS
    if len(words) < language._MIN_WORDS or (
        language_words.marker_count(words) / len(words) >= language._ENGLISH_MARKER_SHARE
    ):
        return language.ENGLISH
    return language._latin_language(words)


def _full(sample: str) -> str:
    """Detection reading every word, and the same with the lines' memo (which decides early,
    as the pieces do): both must give it."""
    found = full_detection(sample)
    assert language._detect_in_sample(sample, {}) == found, sample[:200]
    return found


def _real_texts() -> Iterator[str]:
    for path in sorted(CORPUS.glob("*.*")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((FIXTURES / "languages").rglob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted(require_eval("mqm-zhen/docs").iterdir()):
        yield path.read_text(encoding="utf-8")
    with require_eval("mqm-zhen/segments.jsonl").open(encoding="utf-8") as stream:
        targets = [json.loads(line)["target"] for line in stream]
    yield "\n".join(targets[:400])  # a long text of many systems' segments
    yield "\n".join(json.loads(line)["original"] for line in _mojibake_lines())


def _mojibake_lines() -> list[str]:
    return require_eval("mojibake/cases.jsonl").read_text(encoding="utf-8").splitlines()


def _samples(text: str) -> Iterator[str]:
    """The whole text's sample and each paragraph's, as the engine detects them."""
    doc = Document.from_text(text, path="a.txt")
    yield language._sample(doc.text)
    for paragraph in doc.paragraphs:
        yield language._sample(language._prose_of(doc, paragraph))


@pytest.mark.parametrize("piece", [language_prefix.PIECE, 200, 40])
def test_real_text_is_detected_as_when_every_word_is_read(
    piece: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(language_prefix, "PIECE", piece)  # small pieces: paragraphs decide early
    decided = compared = 0
    for text in _real_texts():
        for sample in _samples(text):
            assert language._detect_in_sample(sample) == _full(sample), sample[:200]
            compared += 1
            decided += language_prefix.share_reached(
                sample, language_words.tally, language._ENGLISH_MARKER_SHARE
            )
    assert decided > (compared // 4 if piece < 1000 else 40)  # the early answer was given


def test_an_english_sample_is_decided_early() -> None:
    text = (CORPUS / "moscow-times-nato-week.clean.txt").read_text(encoding="utf-8")
    read: list[str] = []

    def tally(piece: str) -> language_prefix.Tally:
        read.append(piece)
        return language_words.tally(piece)

    sample = language._sample(text * 3)
    assert language_prefix.share_reached(sample, tally, language._ENGLISH_MARKER_SHARE)
    assert "".join(read) == sample[: len("".join(read))]  # pieces in order, from the start
    assert len("".join(read)) < len(sample) // 2


_WORDS = st.sampled_from(
    [
        *_MARKERS[:12],
        *(m.upper() for m in _MARKERS[:3]),
        *("I", "a", "x", "iPhone", "Kanzlerin", "über", "d'Alembert", "l'", "It\u2019s", "news"),
        *(
            "AAQSkZJRgABAQAAAQABAAD",
            "é",
            "42",
            "\u5317\u4eac",
            "\u041c\u043e\u0441\u043a\u0432\u0430",
        ),
    ]
)
_GAPS = st.sampled_from([" ", "  ", "\n", ", ", ".", "-", "'", "\u2019", "", "\u00a0", " — "])
_TEXTS = st.lists(st.tuples(_WORDS, _GAPS), max_size=120).map(
    lambda parts: "".join(word + gap for word, gap in parts)
)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, piece=st.integers(1, 60), share=st.sampled_from([0.06, 0.2, 0.5]))
def test_an_early_yes_holds_for_the_whole_sample(text: str, piece: int, share: float) -> None:
    old = language_prefix.PIECE
    language_prefix.PIECE = piece
    try:
        reached = language_prefix.share_reached(text, language_words.tally, share)
        fast = language._detect_in_sample(text)
    finally:
        language_prefix.PIECE = old
    markers, words, long_word = language_words.tally(text)
    if reached:
        assert long_word and markers / words >= share
    assert fast == _full(text)


def test_pieces_are_cut_at_spaces_and_cover_the_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language_prefix, "PIECE", 5)
    sample = "one two three four,five six\nseven eight"
    pieces = language_prefix._pieces(sample)
    assert "".join(pieces) == sample
    assert all(piece.startswith(" ") for piece in pieces[1:])
    assert len(pieces) > 2


def test_a_sample_of_one_letter_words_has_no_words_even_if_they_are_markers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No marker has one letter today; were one added, the early answer must still not be
    # English where no word has two letters (language.NO_WORDS comes first).
    monkeypatch.setattr(language_words, "_marker_forms", lambda: frozenset({"x", "X"}))
    monkeypatch.setattr(language_prefix, "PIECE", 10)
    sample = "x y, x z. " * 50
    assert _full(sample) == language.NO_WORDS
    assert language._detect_in_sample(sample) == language.NO_WORDS
