"""Counting the commonest markers between spaces (language_prefix.spaced_share_reached)
answers English only where reading every word does, and detection with it answers as
detection without it: on whole texts and paragraphs, real and mixed-language, in a fix run
and outside one."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config, language, language_prefix, language_words
from repair.document import Document
from tests.conftest import FIXTURES, real_text_paths, require_eval
from tests.test_language_prefix import _TEXTS, _samples, full_detection

_SHARE = language._ENGLISH_MARKER_SHARE


def _texts() -> Iterator[str]:
    """Real texts (the corpus, the Chinese MQM sources, scraped pages, other languages,
    mojibake) and mixed ones: English paragraphs between Chinese and German ones."""
    for path in real_text_paths():
        yield path.read_text(encoding="utf-8")
    others = sorted((FIXTURES / "languages").rglob("*.txt"))
    for path in others:
        yield path.read_text(encoding="utf-8")
    cases = require_eval("mojibake/cases.jsonl").read_text(encoding="utf-8").splitlines()
    yield "\n".join(json.loads(line)["original"] for line in cases)
    chinese = sorted(require_eval("mqm-zhen/docs").iterdir())[:6]
    english = real_text_paths()[:6]
    for zh, en, other in zip(chinese, english, others * 6, strict=False):
        parts = [p.read_text(encoding="utf-8").split("\n\n") for p in (zh, en, other)]
        mixed = [piece for trio in zip(*parts, strict=False) for piece in trio]
        yield "\n\n".join(mixed)


def _quick(sample: str, share: float = _SHARE) -> bool:
    others, bound = language_words.others_and_bound(sample)
    spaced = language_words.spaced_markers()
    return others < language._MIN_OTHER_LETTERS and language_prefix.spaced_share_reached(
        sample, spaced, bound, share
    )


def _holds(sample: str, share: float) -> None:
    """The count's yes is the full count's: markers at least ``share`` of the plain words,
    and a word of two letters or more. Its bound is at least the words."""
    tokens = language_words.LATIN_WORD.findall(sample)
    others, bound = language_words.others_and_bound(sample)
    assert (others, bound) == (
        language_words.other_letters(sample),
        language_prefix.word_bound(sample),
    )
    assert bound >= len(tokens)
    if _quick(sample, share):
        words = language_words.plain_words(tokens)
        assert any(len(token) > 1 for token in tokens)
        assert language_words.marker_count(words) / len(words) >= share, sample[:200]


def test_the_count_says_yes_only_where_every_word_does_on_real_text() -> None:
    decided = compared = 0
    for text in _texts():
        for sample in _samples(text):
            _holds(sample, _SHARE)
            decided += _quick(sample)
            compared += 1
    assert decided > compared // 8  # the count decided many (short paragraphs it cannot)


def test_detection_answers_as_without_the_count_on_real_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    samples = [sample for text in _texts() for sample in _samples(text)]
    fast = [language._detect_in_sample(sample) for sample in samples]
    fast_by_lines = [language._detect_in_sample(sample, {}) for sample in samples]
    monkeypatch.setattr(language, "spaced_markers", tuple)  # nothing counted: words decide
    slow = [language._detect_in_sample(sample) for sample in samples]
    slow_by_lines = [language._detect_in_sample(sample, {}) for sample in samples]
    assert fast == slow == fast_by_lines == slow_by_lines
    assert fast == [full_detection(sample) for sample in samples]
    assert {"en", "de", "zh"} <= set(fast)  # mixed texts: their paragraphs in each language


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, share=st.sampled_from([_SHARE, 0.2, 0.5]))
def test_the_count_says_yes_only_where_every_word_does(text: str, share: float) -> None:
    _holds(text, share)
    assert language._detect_in_sample(text) == full_detection(text)


def test_each_counted_marker_is_one_plain_word_and_a_marker() -> None:
    spaced = language_words.spaced_markers()
    assert spaced[:2] == (" the ", " and ")  # the commonest first: they decide most texts
    assert len(spaced) == len(set(spaced)) > 20
    for needle in spaced:
        word = needle.strip()
        assert needle == f" {word} "
        assert language_words.LATIN_WORD.findall(needle) == [word]
        assert language_words.plain_words([word]) == [word]
        assert language_words.marker_count([word]) == 1 and len(word) > 1


def test_a_fix_run_detects_as_fresh_documents_with_and_without_the_count(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = Config()
    for counted in (True, False):
        if not counted:
            monkeypatch.setattr(language, "spaced_markers", tuple)
        for text in list(_texts())[::7]:
            doc = Document.from_text(text, path="a.txt")
            doc.keep_run_memo()
            for step in range(3):  # each pass drops a paragraph: the rest is the memo's
                assert language.document_language(doc, config) == language.detect_language(doc.text)
                paragraphs = doc.text.split("\n\n")
                doc = doc.with_text("\n\n".join(paragraphs[: len(paragraphs) - step - 1]))
