"""The word rules in a fix run (words/line_memo.py, repeat_lines.py): each document of the
run, whose analyses reuse what the run kept by line (``Document.run_memo``) and the lines
shared with the SCR and STR rules, gets the findings a fresh document of the same text gets.

The passes are real: the word rules' own fixes applied to damaged real text (each pass
changes the lines it fixes and leaves the others), and whole ``fix_text`` runs.
"""

from __future__ import annotations

import re
from itertools import cycle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Config
from repair.api import fix_text
from repair.document import Document
from repair.findings import Edit, Hit
from repair.fixer import apply_edits
from repair.recheck import Rechecker
from repair.rules.words import RULES
from repair.rules.words.line_memo import search_by_line
from repair.rules.words.repeat_lines import lines_holding_a_repeat
from tests.rules.test_words_line_memo import _capitalized
from tests.rules.test_words_prefilters import _real_texts, _stuttered

_WORD_RULES = tuple(rule for rule in RULES if rule.default)


def _findings(doc: Document) -> list[tuple[str, list[Hit]]]:
    return [(rule.code, list(rule.check(doc, None))) for rule in _WORD_RULES]  # type: ignore[arg-type]


_WORD = re.compile(r"(?<= )([a-z]+)(?= )")


def _damaged(text: str, number: int) -> str:
    """``text`` with a word doubled every seventh word, function words capitalized after a
    comma, and phrases stuttered: what WRD002, WRD005 and WRD007 find and fix."""
    count = iter(range(10**9))
    doubled = _WORD.sub(lambda m: f"{m[1]} {m[1]}" if next(count) % 7 == 3 else m[1], text)
    return "\n".join(_stuttered(line, 2 + number % 3) for line in _capitalized(doubled).split("\n"))


def _fixed(doc: Document, found: list[tuple[str, list[Hit]]], rule_code: str) -> str:
    """The text after a pass that applies ``rule_code``'s fixes (those that do not overlap)."""
    edits: list[Edit] = []
    end = -1
    for code, hits in found:
        if code != rule_code:
            continue
        for hit in hits:
            if hit.fix is not None and hit.fix.edits[0].start > end:
                edits.extend(hit.fix.edits)
                end = hit.fix.edits[-1].end
    return apply_edits(doc.text, edits)


def _run(texts: list[str]) -> int:
    """Check each text as the fix run's passes would, with the run's memo and without it,
    the run going on with the fixes of one word rule after another; the findings compared."""
    compared = 0
    for text in texts:
        doc = Document.from_text(text)
        doc.keep_run_memo()
        for rule_code in ("WRD002", "WRD005", "WRD007", "WRD002"):
            found = _findings(doc)
            assert found == _findings(Document(doc.text)), rule_code
            compared += sum(len(hits) for _, hits in found)
            doc = doc.with_text(_fixed(doc, found, rule_code))
        assert _findings(doc) == _findings(Document(doc.text))
    return compared


def test_word_rules_in_a_fix_run_of_real_text_find_what_fresh_documents_find() -> None:
    texts = [_damaged(text, number) for number, text in enumerate(_real_texts()[:60])]
    assert _run(texts) > 500


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    texts=st.lists(
        st.lists(
            st.sampled_from(
                ["the", "The", "the the", "of", "Of", "it", " ", ", ", "\n", ".", "said that"]
            ),
            max_size=25,
        ).map(" ".join),
        min_size=1,
        max_size=4,
    )
)
def test_word_rules_on_documents_of_a_fix_run_find_what_fresh_documents_find(
    texts: list[str],
) -> None:
    """Lines known from a document before, new lines, repeated lines, empty lines: each
    document of the run half made of the lines of the one before."""
    doc = Document(texts[0])
    doc.keep_run_memo()
    assert _findings(doc) == _findings(Document(doc.text))
    for later in texts[1:]:
        mixed = "\n".join(
            line if number % 2 else old
            for number, (line, old) in enumerate(
                zip(later.split("\n"), cycle(doc.text.split("\n")))
            )
        )
        doc = doc.with_text(mixed)
        assert _findings(doc) == _findings(Document(mixed))


def _words_with_x(text: str) -> list[tuple[int, str]]:
    return [(match.start(), match[0]) for match in re.finditer(r"\w*x\w*", text)]


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["ax", "b", "x", " ", "\n", "\n\n"]), max_size=20).map("".join)
)
def test_the_first_search_of_a_run_keeps_each_line_s_own_finds(text: str) -> None:
    """The run's first document is searched whole; what it keeps for each line is what a
    search of that line alone finds (later documents take it as such)."""
    doc = Document(text)
    doc.keep_run_memo()
    assert search_by_line(doc, "test.words-with-x", _words_with_x) == _words_with_x(text)
    memo = doc.run_memo("test.words-with-x")
    assert memo is not None
    assert memo == {line: tuple(_words_with_x(line)) for line in text.split("\n")}


def test_lines_holding_a_repeat_in_a_run_are_those_of_fresh_documents() -> None:
    """The run's first document (every line unknown, the text searched as it is) and later
    ones (the unknown lines searched joined)."""
    texts = [_damaged(text, number) for number, text in enumerate(_real_texts()[:30])]
    doc = Document(texts[0])
    doc.keep_run_memo()
    held = 0
    for text in texts[1:]:
        assert lines_holding_a_repeat(doc) == lines_holding_a_repeat(Document(doc.text))
        held += len(lines_holding_a_repeat(doc))
        lines = doc.text.split("\n")
        doc = doc.with_text("\n".join([*lines[::2], *text.split("\n")[1::2]]))
    assert held > 100


@pytest.mark.parametrize("number", range(4))
def test_fix_runs_check_word_rules_as_fresh_documents(
    number: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whole fix runs (``fix_text``): after each check of the run, the word rules' findings
    on its document, which keeps the run's memo, are a fresh document's."""
    checked: list[Document] = []
    check = Rechecker.__call__

    def recording(self: Rechecker, doc: Document, since: object = None, /) -> object:
        found = check(self, doc, since)  # type: ignore[arg-type]
        checked.append(doc)
        return found

    monkeypatch.setattr(Rechecker, "__call__", recording)
    texts = _real_texts()[number * 10 : number * 10 + 10]
    for text in texts:
        fix_text(_damaged(text, number), config=Config(), unsafe=True)
    assert len(checked) > len(texts)
    assert all(doc.run_memo("repair.rules.words.capitals") is not None for doc in checked)
    for doc in checked:
        assert _findings(doc) == _findings(Document(doc.text, text_format=doc.format))
