"""ENC002 in a fix run keeps each line's repairs by the line's text (``Document.run_memo``):
the repairs of a pass's text, some lines asked again and the others read from the table,
are those found afresh, on real mojibake and generated text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.document import Document
from repair.rules.encoding import ftfy_lines
from repair.rules.encoding.mojibake import _MEMO, _find_mojibake_repairs
from tests.rules.encoding_reference import corpus_turned_to_mojibake, damaged_line, eval_lines


def _passes(texts: list[str]) -> None:
    """Each text as the next pass of one fix run, against a document checked alone."""
    doc = Document.from_text(texts[0], path="a.txt")
    doc.keep_run_memo()
    for number, text in enumerate(texts):
        if number:
            doc = doc.with_text(text)
        kept = _find_mojibake_repairs(doc)
        assert kept == _find_mojibake_repairs(Document.from_text(text, path="a.txt"))


def _next_pass(lines: list[str], rng: random.Random) -> list[str]:
    """Some lines repaired as ftfy would, some dropped or doubled (the rest moves), some
    edited: what a pass of fixes does to a text."""
    out = []
    for line in lines:
        roll = rng.random()
        if roll < 0.3:
            out.append(ftfy_lines.fix_line(line)[0])
        elif roll < 0.4:
            continue
        elif roll < 0.5:
            out += [line, line]
        elif roll < 0.6:
            out.append("x " + line)
        else:
            out.append(line)
    return out


def test_passes_over_real_mojibake_find_what_a_fresh_check_finds() -> None:
    lines = corpus_turned_to_mojibake().split("\n") + eval_lines()
    rng = random.Random(7)
    texts = ["\n".join(lines)]
    for _ in range(3):
        lines = _next_pass(lines, rng)
        texts.append("\n".join(lines))
    _passes(texts)
    # The table was read: lines of the later passes were found in it, not asked again.
    doc = Document.from_text(texts[0], path="a.txt")
    doc.keep_run_memo()
    _find_mojibake_repairs(doc)
    memo = doc.run_memo(_MEMO)
    assert memo is not None
    assert sum(1 for line in texts[-1].split("\n") if line in memo) > 20
    assert any(repairs for repairs in memo.values())


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    st.lists(st.lists(damaged_line(), min_size=1, max_size=5), min_size=1, max_size=3),
    st.randoms(use_true_random=False),
)
def test_passes_over_generated_text_find_what_a_fresh_check_finds(
    passes: list[list[str]], rng: random.Random
) -> None:
    # Lines of one pass come back in the next, in other places, beside new ones.
    texts = []
    seen: list[str] = []
    for lines in passes:
        lines = lines + rng.sample(seen, min(len(seen), 3))
        rng.shuffle(lines)
        seen += lines
        texts.append("\n".join(lines))
    _passes(texts)
