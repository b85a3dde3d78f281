"""The plain computations ENC002's fast paths stand for, and the text to compare them on:
the real mojibake of ../shared/eval, the sample corpus turned into mojibake, and generated
lines (tests/rules/test_encoding_fast_paths.py compares)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Final

import ftfy
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from repair.rules.encoding import alignment, ftfy_lines
from repair.rules.encoding._visible import escape
from tests.conftest import CORPUS, corpus_text, require_eval

Quad = tuple[int, int, int, int]


def cases() -> list[dict[str, str]]:
    path = require_eval("mojibake/cases.jsonl")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def eval_lines() -> list[str]:
    return [line for case in cases() for line in case["original"].split("\n")]


def broken(text: str, codec: str) -> str:
    return text.encode("utf-8").decode(codec, errors="replace")


def corpus_turned_to_mojibake() -> str:
    """The sample corpus, one line in three read as cp1252 and one in three as Latin-1
    (which leaves C1 controls): mojibake repeating the same few changes, as in the wild."""
    lines = []
    for path in sorted(CORPUS.glob("*.txt")) + sorted(CORPUS.glob("*.md")):
        for number, line in enumerate(corpus_text(path).split("\n")):
            codec = ("", "cp1252", "latin-1")[number % 3]
            lines.append(broken(line, codec) if codec else line)
    return "\n".join(lines)


# Text, its mojibake (cp1252, Latin-1, twice), C1 controls, lone and paired surrogates, and
# characters of ftfy's badness pattern, glued in any order.
WORDS: Final = (
    "Sch\u00f6n",
    "caf\u00e9",
    "\u201cquoted\u201d",
    "na\u00efve",
    "\u041f\u0440\u0438\u0432\u0435\u0442",
    "\u5317\u4eac",
    "\u2764",
    "the",
    " ",
    "2024",
    "\u2014",
    "\u00a0",
    "\x85",
    "\x9d",
    "\ud83d",
    "\ude00",
    "\udcff",
)


@st.composite
def damaged_line(draw: st.DrawFn) -> str:
    pieces = []
    for word in draw(st.lists(st.sampled_from(WORDS), max_size=12)):
        damage = draw(st.sampled_from(("", "cp1252", "latin-1", "twice")))
        if not "\ud800" <= word[0] <= "\udfff":  # a lone surrogate has no UTF-8
            if damage == "twice":
                word = broken(broken(word, "cp1252"), "cp1252")
            elif damage:
                word = broken(word, damage)
        pieces.append(word)
    pieces += draw(st.lists(st.characters(min_codepoint=0x80, max_codepoint=0x2200), max_size=4))
    return "".join(draw(st.permutations(pieces)))


def reference_fix_line(line: str) -> tuple[str, str]:
    """``fix_line`` the plain way: ftfy's public encoding loop, then the C1 and surrogate
    fixers on every line, again until they change nothing.

    Its text is ``ftfy.fix_and_explain``'s. Its steps are too but where a C1 control that
    cp1252 leaves undefined (\\x81, \\x8d, \\x8f, \\x90, \\x9d) stays: ftfy's last pass
    repeats a "transcode fix_c1_controls" that changed nothing, ENC002 does not (as before
    these fast paths)."""
    steps: list[tuple[str, str]] = []
    while True:
        explained = ftfy.fix_encoding_and_explain(line, ftfy_lines._FTFY_CONFIG)
        steps.extend(explained.explanation or [])
        decoded = explained.text
        for name, fixer in ftfy_lines._FIXERS_AFTER_ENCODING:
            repaired = fixer(decoded)
            if repaired != decoded:
                steps.append(("apply", name))
            decoded = repaired
        if decoded == explained.text:
            return decoded, ", ".join(f"{action} {arg}" for action, arg in steps)
        line = decoded


def reference_visible(text: str) -> str:
    return "".join(
        char if unicodedata.category(char)[0] not in "CZ" or char == " " else escape(char)
        for char in text
    )


def reference_prefix(a: str, i: int, a_end: int, b: str, j: int, b_end: int) -> int:
    n = 0
    while i + n < a_end and j + n < b_end and a[i + n] == b[j + n]:
        n += 1
    return n


def reference_resume(
    before: str, i: int, end: int, after: str, j: int, new_end: int, anchor: int
) -> tuple[int, int] | None:
    """Every place in reach where ``anchor`` characters agree, the nearest taken (least
    ``p - i + q - j``, then least ``p``); the reach doubled while there is none."""
    reach = alignment._FIRST_REACH
    while True:
        limit = min(new_end, j + reach + anchor)
        agreeing = [
            (offset + q - j, offset, q)
            for offset in range(min(reach, end - i - anchor + 1))
            for q in range(j, limit - anchor + 1)
            if before[i + offset : i + offset + anchor] == after[q : q + anchor]
        ]
        if agreeing:
            _, offset, q = min(agreeing)
            return i + offset, q
        if reach >= alignment._MAX_REACH or (i + reach >= end and j + reach >= new_end):
            return None
        reach *= 2


def reference_chunks(
    before: str, after: str, start: int, end: int, new_start: int, new_end: int, anchor: int
) -> Iterator[Quad]:
    i, j = start, new_start
    while True:
        equal = reference_prefix(before, i, end, after, j, new_end)
        i, j = i + equal, j + equal
        if i == end and j == new_end:
            return
        resumed = reference_resume(before, i, end, after, j, new_end, anchor)
        if resumed is None:
            yield i, end, j, new_end
            return
        yield i, resumed[0], j, resumed[1]
        i, j = resumed


def reference_windows(before: str, after: str) -> Iterator[Quad]:
    context = alignment._CONTEXT
    groups: list[list[int]] = []
    for chunk in reference_chunks(
        before, after, 0, len(before), 0, len(after), alignment._LONG_ANCHOR
    ):
        if groups and chunk[0] - groups[-1][1] < 2 * context:
            groups[-1][1], groups[-1][3] = chunk[1], chunk[3]
        else:
            groups.append(list(chunk))
    for start, end, new_start, new_end in groups:
        left = min(context, start, new_start)
        right = min(context, len(before) - end, len(after) - new_end)
        yield start - left, end + right, new_start - left, new_end + right


def reference_aligned(before: str, after: str, window: Quad) -> Iterator[Quad]:
    start, end, new_start, new_end = window
    for op in Levenshtein.opcodes(before[start:end], after[new_start:new_end]):
        if op.tag != "equal":
            yield (
                start + op.src_start,
                start + op.src_end,
                new_start + op.dest_start,
                new_start + op.dest_end,
            )


def reference_differences(before: str, after: str) -> Iterator[Quad]:
    whole = alignment._WINDOW_ALIGNED_WHOLE
    for window in reference_windows(before, after):
        start, end, new_start, new_end = window
        if end - start + new_end - new_start <= whole:
            yield from reference_aligned(before, after, window)
            continue
        short = alignment._SHORT_ANCHOR
        for chunk in reference_chunks(before, after, start, end, new_start, new_end, short):
            if chunk[1] - chunk[0] + chunk[3] - chunk[2] <= whole:
                yield from reference_aligned(before, after, chunk)
            else:
                yield chunk


def reference_regions(before: str, after: str) -> list[tuple[int, int, str]]:
    merged: list[list[int]] = []
    for start, end, new_start, new_end in reference_differences(before, after):
        if merged and start - merged[-1][1] <= 1:
            merged[-1][1], merged[-1][3] = end, new_end
        else:
            merged.append([start, end, new_start, new_end])
    return [(start, end, after[new_start:new_end]) for start, end, new_start, new_end in merged]
