"""Which lines to hand to ftfy, and ftfy's fix of one line with its explanation.

ftfy changes a line only when its badness heuristic (``ftfy.badness.is_bad``) fires, or to
decode C1 controls and lone surrogates. Searching the whole text with that heuristic costs
as much as ftfy itself, so a cheap character-class search finds the few places where it can
fire, and the heuristic is asked about a small window around each.

That shortcut needs a fact about ftfy's badness pattern: each of its branches matches two
non-ASCII characters in a row, or a character of a small set (C1 controls, "\u00c3" and the
like). It is read from the pattern itself when this module is imported
(:func:`_trigger_characters`); if ftfy ever ships a pattern of another shape, the shortcut
is off and every line with a non-ASCII character is asked, which is slower and as right.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Final

import ftfy
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.fixes import fix_c1_controls, fix_surrogates

from repair.document import Document
from repair.findings import Span

_FTFY_CONFIG: Final = ftfy.TextFixerConfig(
    unescape_html=False,  # ENC005, and only in plain text
    remove_terminal_escapes=False,  # ENC003
    fix_latin_ligatures=False,
    fix_character_width=False,  # would turn CJK full-width punctuation into ASCII
    uncurl_quotes=False,  # quotes are the QUO family's
    fix_line_breaks=False,
    remove_control_chars=False,  # ENC003
    normalization=None,  # NFC would rewrite correct decomposed text
    explain=True,
)
_FIXERS_AFTER_ENCODING: Final = (
    ("fix_c1_controls", fix_c1_controls),
    ("fix_surrogates", fix_surrogates),
)
"""What ``ftfy.fix_and_explain`` runs after the encoding fixer under ``_FTFY_CONFIG``."""
_C1_OR_SURROGATE: Final = re.compile("[\x80-\x9f\ud800-\udfff]")


def fix_line(line: str) -> tuple[str, str]:
    """ftfy's fix of ``line`` under this module's settings, and its steps in words.

    The same text and steps as ``ftfy.fix_and_explain(line, config=_FTFY_CONFIG)``, with one
    call of ftfy's encoding fixer instead of one per round: of the fixers that settings
    leave on, only the C1 and surrogate fixes run after it, and the encoding fixer is asked
    again only when they changed something.

    >>> fix_line("Sch\\u00c3\\u00b6n") == ("Sch\\u00f6n", "encode latin-1, decode utf-8")
    True
    """
    steps: list[tuple[str, str]] = []
    while True:
        fixed, encoding_steps = ftfy.fix_encoding_and_explain(line, _FTFY_CONFIG)
        steps.extend(encoding_steps or ())
        decoded = fixed
        for name, fixer in (
            ("fix_c1_controls", fix_c1_controls),
            ("fix_surrogates", fix_surrogates),
        ):
            repaired = fixer(decoded)
            if repaired != decoded:
                steps.append(("apply", name))
            decoded = repaired
        if decoded == fixed:
            return decoded, ", ".join(f"{action} {arg}" for action, arg in steps)
        line = decoded


def _may_need_ftfy(text: str) -> bool:
    return bool(is_bad(text) or _C1_OR_SURROGATE.search(text))


def _trigger_characters() -> tuple[str, int] | None:
    """(a character class of single characters that can make a badness match, the longest
    match) read from ftfy's pattern, or ``None`` when a branch has neither two non-ASCII
    items in a row nor a non-ASCII item: then the shortcut cannot be trusted."""
    from re import _parser  # type: ignore[attr-defined]  # the pattern's parse tree

    if BADNESS_RE.flags & re.IGNORECASE:
        return None
    tree = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    branches = [tree.data]
    if len(tree.data) == 1 and tree.data[0][0] is _parser.BRANCH:
        branches = [list(branch.data) for branch in tree.data[0][1][1]]
    triggers: set[str] = set()
    for items in branches:
        sets = [_non_ascii_characters(op, argument, _parser) for op, argument in items]
        if any(a is not None and b is not None for a, b in itertools.pairwise(sets)):
            continue
        known = [chars for chars in sets if chars is not None]
        if not known:
            return None
        triggers |= min(known, key=len)
    escaped = "".join(f"\\U{ord(char):08x}" for char in sorted(triggers))
    return escaped, tree.getwidth()[1]


def _non_ascii_characters(op: object, argument: object, parser: object) -> set[str] | None:
    """The characters a parsed item matches if all are non-ASCII (and few enough to
    list), else ``None``."""
    literal, in_ = parser.LITERAL, parser.IN  # type: ignore[attr-defined]
    if op is literal:
        assert isinstance(argument, int)
        return {chr(argument)} if argument > 0x7F else None
    if op is not in_:
        return None
    chars: set[str] = set()
    assert isinstance(argument, list)
    for kind, value in argument:
        if kind is literal and value > 0x7F:
            chars.add(chr(value))
        elif kind is parser.RANGE and value[0] > 0x7F and value[1] - value[0] < 0x10000:  # type: ignore[attr-defined]
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


_SHAPE: Final = _trigger_characters()
_MAY_NEED_FTFY: Final = (
    None
    if _SHAPE is None
    else re.compile(
        f"[^\\x00-\\x7f](?:(?<=[\\x80-\\x9f\\ud800-\\udfff{_SHAPE[0]}])|[^\\x00-\\x7f])"
    )
)
"""A non-ASCII character followed by another, or one that alone can start a badness match
(C1 controls and lone surrogates included): every badness match holds one of these."""


def lines_to_fix(doc: Document) -> list[Span]:
    """The lines ftfy may change, in order.

    A badness match holds a hit of ``_MAY_NEED_FTFY`` (or the character after one) and is
    at most the pattern's width long: a line is bad when the pattern matches in a window of
    that width around one of its hits. Every C1 control or lone surrogate is a hit.

    >>> lines_to_fix(Document.from_text("ok \\u2019s\\nSch\\u00c3\\u00b6n\\nfine"))
    [Span(start=6, end=12)]
    """
    text = doc.text
    if text.isascii():
        return []
    if _SHAPE is None or _MAY_NEED_FTFY is None:
        return _lines_asked_one_by_one(doc)
    search = BADNESS_RE.search
    reach = _SHAPE[1] + 1
    found = []
    for line, part in zip(doc.lines, text.split("\n"), strict=True):
        if part.isascii():
            continue
        for hit in _MAY_NEED_FTFY.finditer(part):
            offset = hit.start()
            window = max(0, offset - reach), min(len(part), offset + reach + 1)
            if search(part, *window) or _C1_OR_SURROGATE.search(part, offset, offset + 2):
                found.append(line)
                break
    return found


def _lines_asked_one_by_one(doc: Document) -> list[Span]:
    """The slow way round, when the shape of ftfy's pattern is not the one expected."""
    text = doc.text
    if not _may_need_ftfy(text):
        return []
    lines: Sequence[Span] = doc.lines
    return [
        line
        for line in lines
        if not text[line.start : line.end].isascii() and _may_need_ftfy(text[line.start : line.end])
    ]
