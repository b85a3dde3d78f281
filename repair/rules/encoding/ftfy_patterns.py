"""What a text must hold for a pattern of ftfy's to match in it, read from the pattern.

ENC002 asks ftfy about few lines and spares it work that cannot change a line, from facts
about two of ftfy's patterns: which characters a badness match (``ftfy.badness``) must
hold, and which characters the text of a lossy sequence (``ftfy.chardata.LOSSY_UTF8_RE``,
what ``ftfy.fixes.replace_lossy_sequences`` replaces) must hold. Both are read from the
patterns' parse trees when this module is imported, not copied: if ftfy ever ships a
pattern of another shape, the reading gives ``None`` and the shortcut that needs it is off.

A pattern is read as its branches, each a row of items; an item that matches one
character of a set it lists (a literal, or a class without negation or category) is
*known*, and every match of a branch holds a character of each of its known items.
"""

from __future__ import annotations

import collections
import functools
import itertools
import re
import unicodedata
from collections.abc import Set as AbstractSet
from typing import Any


def badness_triggers(pattern: re.Pattern[str]) -> tuple[str, str, str, int] | None:
    """Three character classes, *alone*, *first* and *second*, such that every match of
    ``pattern`` (ftfy's badness pattern) holds a character of *alone* or one of *first*
    followed by one of *second*; and the longest match. ``None`` when a branch has no known
    item all of whose characters are non-ASCII.

    A branch with two such items side by side gives one pair of sets, chosen so that few
    pairs of letters of one script are a *first* and a *second* (clean text is made of
    them; across scripts, or with symbols, they are rare): Cyrillic, Greek or CJK text,
    all of it non-ASCII, gives almost no hit, nor do curly quotes after Latin letters. A
    branch without such a pair gives its smallest known set to *alone*.

    >>> from ftfy.badness import BADNESS_RE
    >>> alone, first, second, width = badness_triggers(BADNESS_RE)
    >>> [bool(re.fullmatch(f"[{alone}]", c)) for c in "\u00c3\u00e9"]
    [True, False]
    >>> bool(re.fullmatch(f"[{first}][{second}]", "\u00e9\u20ac"))
    True
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    branches, width = parsed
    alone: set[str] = set()
    first: set[str] = set()
    second: set[str] = set()
    for sets in branches:
        # Only items of non-ASCII characters: a line of ASCII is then passed over whole.
        sets = [None if chars is None or min(chars) <= "\x7f" else chars for chars in sets]
        pairs = [(a, b) for a, b in itertools.pairwise(sets) if a is not None and b is not None]
        if pairs:
            before, after = min(
                pairs,
                key=lambda pair: (
                    _same_script_letters(first | pair[0], second | pair[1]),
                    _letters(pair[1]),
                    len(pair[1]),
                ),
            )
            first |= before
            second |= after
            continue
        known = [chars for chars in sets if chars is not None]
        if not known:
            return None
        alone |= min(known, key=len)
    return _class(alone), _class(first), _class(second), width


def lossy_characters(pattern: re.Pattern[bytes], encodings: list[str]) -> str | None:
    """A character class of the characters that, encoded in one of ``encodings``, give a
    byte that every match of ``pattern`` (ftfy's lossy-sequence pattern) holds; ``None``
    when a branch has no known item. From each branch its known item with the fewest
    letters (as Latin-1), then the fewest bytes.

    These are single-byte encodings, each a table of 256 characters whose encoder is its
    decoder's inverse: only the character a byte decodes to encodes to it.

    >>> from ftfy.chardata import CHARMAP_ENCODINGS, LOSSY_UTF8_RE
    >>> characters = lossy_characters(LOSSY_UTF8_RE, CHARMAP_ENCODINGS)
    >>> [bool(re.fullmatch(f"[{characters}]", c)) for c in "?\ufffd\u00e9"]
    [True, True, False]
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    branches, _ = parsed
    needed: set[str] = set()
    for sets in branches:
        known = [chars for chars in sets if chars is not None]
        if not known:
            return None
        needed |= min(known, key=lambda chars: (_letters(chars), len(chars)))
    characters = set()
    for byte, encoding in itertools.product(sorted(needed), encodings):
        characters.add(byte.encode("latin-1").decode(encoding, errors="ignore"))
    return _class(set("".join(characters)))


def text_pattern(pattern: re.Pattern[bytes], encodings: list[str]) -> str | None:
    """A pattern that matches a text wherever ``pattern`` (ftfy's pattern of UTF-8 with a
    space for byte A0, what ``ftfy.fixes.restore_byte_a0`` looks for) can match the text
    encoded in one of ``encodings``; ``None`` when an item of a branch is not known.

    In these single-byte encodings a character gives one byte, and only the character a
    byte decodes to encodes to it: where a branch matches the bytes, each character is one
    its item's bytes decode to in some encoding. Each branch, so read, is looked for from
    its item of fewest characters (the *pivot*, a space in ftfy's pattern: found by a fast
    search for a literal), the items before it looked at behind and those after ahead;
    first, one look at the character before any pivot, which rules out most.

    >>> found = text_pattern(re.compile(b"[\\xc2\\xc3] |[\\xe2\\xe3] [\\x80-\\x81]"), ["latin-1"])
    >>> texts = ("\u00c3 ", "\u00e2 \x80", "\u00e2 a", "a ")
    >>> [bool(re.search(found or "", text)) for text in texts]
    [True, True, False, False]
    """
    parsed = _parse(pattern)
    if parsed is None:
        return None
    branches: list[tuple[list[set[str]], int]] = []
    for sets in parsed[0]:
        if not sets or any(chars is None for chars in sets):
            return None
        read = [_decoded(chars, encodings) for chars in sets if chars is not None]
        if not all(read):
            continue  # a byte no encoding decodes: the branch matches no encoded text
        branches.append((read, min(range(len(read)), key=lambda index: len(read[index]))))
    pivots = _class(set().union(*(read[pivot] for read, pivot in branches)))
    guard = ""
    if all(pivot > 0 for _, pivot in branches):
        before = set().union(*(read[pivot - 1] for read, pivot in branches))
        guard = f"(?<=[{_class(before)}][{pivots}])"
    ways = []
    for read, pivot in branches:
        behind = "".join(f"[{_class(chars)}]" for chars in read[: pivot + 1])
        ahead = "".join(f"[{_class(chars)}]" for chars in read[pivot + 1 :])
        ways.append(f"(?<={behind})" + (f"(?={ahead})" if ahead else ""))
    if not ways:
        return None
    return f"[{pivots}]{guard}(?:{'|'.join(ways)})"


def _decoded(chars: set[str], encodings: list[str]) -> set[str]:
    """What the bytes ``chars`` (as Latin-1) decode to in any of ``encodings``."""
    decoded = set()
    for byte, encoding in itertools.product(sorted(chars), encodings):
        decoded.add(byte.encode("latin-1").decode(encoding, errors="ignore"))
    return set("".join(decoded))


def _parse(pattern: re.Pattern[Any]) -> tuple[list[list[set[str] | None]], int] | None:
    """The known items of each branch of ``pattern`` as sets of characters (bytes as
    Latin-1), ``None`` for the other items, and the longest match; ``None`` for a pattern
    that ignores case."""
    from re import _parser  # type: ignore[attr-defined]  # the pattern's parse tree

    if pattern.flags & re.IGNORECASE:
        return None
    tree = _parser.parse(pattern.pattern, pattern.flags)
    branches = [list(tree.data)]
    if len(tree.data) == 1 and tree.data[0][0] is _parser.BRANCH:
        branches = [list(branch.data) for branch in tree.data[0][1][1]]
    known = [[_known(op, argument, _parser) for op, argument in items] for items in branches]
    return known, int(tree.getwidth()[1])


def _known(op: object, argument: object, parser: Any) -> set[str] | None:
    """The characters a parsed item matches if it is known (and they are few enough to
    list), else ``None``."""
    if op is parser.LITERAL:
        assert isinstance(argument, int)
        return {chr(argument)}
    if op is not parser.IN:
        return None
    chars: set[str] = set()
    assert isinstance(argument, list)
    for kind, value in argument:
        if kind is parser.LITERAL:
            chars.add(chr(value))
        elif kind is parser.RANGE and value[1] - value[0] < 0x10000:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None
    return chars


def _letters(chars: AbstractSet[str]) -> int:
    return sum(unicodedata.category(char).startswith("L") for char in chars)


def _same_script_letters(first: set[str], second: set[str]) -> int:
    """How many pairs of a letter of ``first`` and one of ``second`` are of one script
    (the first word of their names: LATIN, CYRILLIC, GREEK...)."""
    scripts = collections.Counter(map(_script, first))
    return sum(scripts[script] for script in map(_script, second) if script)


@functools.cache
def _script(char: str) -> str:
    if not unicodedata.category(char).startswith("L"):
        return ""
    return unicodedata.name(char, "").partition(" ")[0]


def _class(chars: set[str]) -> str:
    """The inside of a character class of ``chars``."""
    return "".join(f"\\U{ord(char):08x}" for char in sorted(chars))
