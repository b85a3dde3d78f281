"""``repair entities harvest``: a starter entity list from trusted, clean texts.

Capitalized runs of words ("Tomas Velderholm", "Munich Security Conference", "Dovriv") are counted
across the texts; titles in front of them are stripped and say "person", prepositions say
"place", closing words such as "Conference" or an all-capital acronym say "organization".
A surname seen alone becomes an alias of the one full name it ends. The result is for a
person to review before use: it knows nothing the texts do not show.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from repair import data
from repair.entities import EntityType
from repair.files import read_document
from repair.lexicon import zipf
from repair.text import LETTER_WORD
from repair.walk import iter_files

_WORD: Final = LETTER_WORD
_POSSESSIVE: Final = re.compile(r"['\u2019]s$")
_SENTENCE_ENDS: Final = frozenset('.!?:\n"\u201c\u201d\u2013\u2014')
_LOOK_BACK: Final = 8
_FUNCTION_WORD_ZIPF: Final = 5.5
"""A sentence's first word this frequent is "The", "When", "He"..."""
_SENTENCE_WORD_ZIPF: Final = 3.5
"""A sentence's first word this frequent is a word ("While", "Beyond"), unless seen inside."""
_MAX_NAME_WORDS: Final = 4
"""Longer runs of capitalized words are headlines in title case, not names."""
_MAX_ACRONYM: Final = 5
"""A longer word in capitals is a shouted word or dateline ("BRUSSELS"), not an acronym."""


@functools.cache
def _context(key: str) -> frozenset[str]:
    return frozenset(data.table("names-context")[key])


@dataclass(frozen=True, slots=True)
class HarvestedName:
    """A name seen in the texts, with what the texts say about it."""

    name: str
    count: int
    files: int
    type: EntityType
    evidence: str
    aliases: tuple[str, ...] = ()


@dataclass(slots=True)
class _Tally:
    count: int = 0
    files: int = 0
    after_title: str = ""
    after_preposition: int = 0
    before_verb: int = 0


def harvest(paths: Iterable[str | Path], *, min_count: int = 1) -> list[HarvestedName]:
    """Names in the files and folders at ``paths`` (folders walked as ``repair check`` does).

    Raises :class:`~repair.errors.DocumentError` for a file that cannot be read.
    """
    texts = (read_document(path).text for path in iter_files([Path(p) for p in paths]))
    return harvest_texts(texts, min_count=min_count)


def harvest_texts(texts: Iterable[str], *, min_count: int = 1) -> list[HarvestedName]:
    """Names in ``texts``, most frequent first.

    >>> [(n.name, n.type.value, n.aliases) for n in harvest_texts(
    ...     ["Defense Secretary Tomas Velderholm flew to Brussels. Velderholm said so."])]
    [('Tomas Velderholm', 'person', ('Velderholm',)), ('Brussels', 'place', ())]
    """
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    for text in texts:
        seen: set[str] = set()
        for name, before, after in _runs(text):
            tally = tallies[name]
            tally.count += 1
            if name not in seen:
                tally.files += 1
                seen.add(name)
            if before.casefold() in _context("titles"):
                tally.after_title = tally.after_title or before
            elif before.casefold() in _context("place_prepositions"):
                tally.after_preposition += 1
            if after.casefold() in _context("person_verbs"):
                tally.before_verb += 1
    return _merged(tallies, min_count)


def _runs(text: str) -> Iterator[tuple[str, str, str]]:
    """(name, word before, word after) for each run of capitalized words in ``text``."""
    tokens = [(m.start(), m.end(), _POSSESSIVE.sub("", m[0])) for m in _WORD.finditer(text)]
    starts = [_starts_sentence(text, token[0]) for token in tokens]
    inside = {t[2] for t, first in zip(tokens, starts, strict=True) if not first}
    index = 0
    while index < len(tokens):
        if not _is_capitalized(tokens[index][2]):
            index += 1
            continue
        end = index + 1
        while end < len(tokens) and _joins(text, tokens, end):
            end += 1
        while end > index + 1 and not _is_capitalized(tokens[end - 1][2]):
            end -= 1  # a run never ends on a particle
        first = index
        if starts[index] and _is_sentence_word(tokens[index][2], inside):
            first += 1
        yield from _named(tokens, first, end)
        index = end


def _starts_sentence(text: str, offset: int) -> bool:
    """True when only white space separates ``offset`` from a sentence's end or the start."""
    before = text[max(0, offset - _LOOK_BACK) : offset].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_ENDS


def _is_sentence_word(word: str, inside: set[str]) -> bool:
    """True for a sentence's first word that is an English word, not a name ("While").

    A word also seen capitalized inside a sentence is taken for a name, unless it is
    as frequent as "The".
    """
    frequency = zipf(word)
    return frequency >= _FUNCTION_WORD_ZIPF or (
        word not in inside and frequency >= _SENTENCE_WORD_ZIPF
    )


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper()


def _joins(text: str, tokens: Sequence[tuple[int, int, str]], position: int) -> bool:
    """True when token ``position`` continues the run of capitalized words before it."""
    start, end, word = tokens[position - 1]
    if text[end : tokens[position][0]] != " " or word != text[start:end]:
        return False  # punctuation or a possessive ends a name
    following = tokens[position][2]
    return _is_capitalized(following) or following in _context("particles")


def _named(
    tokens: Sequence[tuple[int, int, str]], start: int, end: int
) -> Iterator[tuple[str, str, str]]:
    """The name in tokens ``start:end``, after the last title in front of it."""
    before = tokens[start - 1][2] if start else ""
    titles = _context("titles")
    for position in range(end - 2, start - 1, -1):
        if tokens[position][2].casefold() in titles:
            before, start = tokens[position][2], position + 1
            break
    words = [token[2] for token in tokens[start:end]]
    if words and words[-1].casefold() in titles:
        return  # "Defense Secretary": an office, not a name
    if not words or len(words) > _MAX_NAME_WORDS or not _may_be_name(words):
        return
    after = tokens[end][2] if end < len(tokens) else ""
    yield " ".join(words), before, after


def _may_be_name(words: Sequence[str]) -> bool:
    """False for a lone letter ("U" of "U.S."), a weekday or month, or a shouted word."""
    if len(words) > 1:
        return True
    word = words[0]
    if len(word) < 2 or word.casefold() in _context("not_names"):
        return False
    return not (word.isupper() and len(word) > _MAX_ACRONYM)


def _merged(tallies: dict[str, _Tally], min_count: int) -> list[HarvestedName]:
    """Harvested names, merged: "Defense Tomas Velderholm" into "Tomas Velderholm" when that is
    seen on its own, and a surname seen alone into the one full name it ends."""
    tallies = _into_suffixes(tallies)
    full_names: dict[str, list[str]] = defaultdict(list)
    for name in tallies:
        parts = name.split()
        if len(parts) > 1:
            full_names[parts[-1]].append(name)
    absorbed: dict[str, list[str]] = defaultdict(list)
    for name in tallies:
        owners = full_names.get(name, [])
        if " " not in name and len(owners) == 1:
            absorbed[owners[0]].append(name)
    gone = {alias for aliases in absorbed.values() for alias in aliases}
    result = []
    for name, tally in tallies.items():
        if name in gone:
            continue
        aliases = tuple(absorbed.get(name, ()))
        count = tally.count + sum(tallies[a].count for a in aliases)
        if count < min_count:
            continue
        kind, evidence = _guess_type(name, tally, [tallies[a] for a in aliases])
        result.append(HarvestedName(name, count, tally.files, kind, evidence, aliases))
    result.sort(key=lambda n: (-n.count, n.name))
    return result


def _into_suffixes(tallies: dict[str, _Tally]) -> dict[str, _Tally]:
    """Runs whose last two or more words are a name seen alone, counted as that name."""
    merged: dict[str, _Tally] = {}
    for name in sorted(tallies, key=lambda n: n.count(" ")):
        parts = name.split()
        target = next(
            (
                " ".join(parts[cut:])
                for cut in range(1, len(parts) - 1)
                if " ".join(parts[cut:]) in merged
            ),
            name,
        )
        tally = tallies[name]
        into = merged.setdefault(target, _Tally())
        into.count += tally.count
        into.files = max(into.files, tally.files)
        into.after_title = into.after_title or tally.after_title
        into.after_preposition += tally.after_preposition
        into.before_verb += tally.before_verb
    return merged


def _guess_type(name: str, tally: _Tally, aliases: Sequence[_Tally]) -> tuple[EntityType, str]:
    titles = [t.after_title for t in (tally, *aliases) if t.after_title]
    if titles:
        return EntityType.PERSON, f'after "{titles[0]}"'
    if aliases:
        return EntityType.PERSON, "surname seen alone"
    if tally.before_verb + sum(t.before_verb for t in aliases):
        return EntityType.PERSON, 'before "said"'
    last = name.split()[-1]
    if (name.isupper() and len(name) > 1) or last.casefold() in _context("organization_words"):
        return EntityType.ORGANIZATION, "acronym" if name.isupper() else f'ends in "{last}"'
    if " " not in name and tally.after_preposition * 3 >= tally.count:
        return EntityType.PLACE, 'after "in", "to"...'
    return EntityType.OTHER, "type not clear"


def render_toml(names: Sequence[HarvestedName], sources: Sequence[str] = ()) -> str:
    """An entity list in TOML, each entry with a comment saying how often it was seen.

    >>> print(render_toml([HarvestedName("Dovriv", 3, 2, EntityType.PLACE, 'after "in"')]))
    # Generated by `repair entities harvest`: review every entry before use.
    <BLANKLINE>
    [[entity]]
    # seen 3 times in 2 files; place: after "in"
    name = "Dovriv"
    type = "place"
    <BLANKLINE>
    """
    lines = ["# Generated by `repair entities harvest`: review every entry before use."]
    lines += [f"# from {source}" for source in sources]
    for entry in names:
        lines += ["", "[[entity]]"]
        times = "time" if entry.count == 1 else "times"
        files = "file" if entry.files == 1 else "files"
        lines.append(
            f"# seen {entry.count} {times} in {entry.files} {files}; "
            f"{entry.type.value}: {entry.evidence}"
        )
        lines.append(f"name = {_toml_string(entry.name)}")
        if entry.aliases:
            lines.append(f"aliases = [{', '.join(_toml_string(a) for a in entry.aliases)}]")
        lines.append(f'type = "{entry.type.value}"')
    return "\n".join(lines) + "\n"


def _toml_string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def counts_by_type(names: Iterable[HarvestedName]) -> Counter[str]:
    return Counter(name.type.value for name in names)


__all__ = ["HarvestedName", "counts_by_type", "harvest", "harvest_texts", "render_toml"]
