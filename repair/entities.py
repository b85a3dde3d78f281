"""Entity lists: the names a text should spell one way, and a fast index to match them.

A list is TOML (``[[entity]]`` tables) or CSV (a header row and one entity a row); several
lists merge into one. :func:`load_index` reads the lists of a configuration once per process
and builds an :class:`EntityIndex`, whose cost per looked-up token does not grow with the
list: exact forms are dictionary look-ups, and near misses are scored by rapidfuzz over a
small bucket (same first two sounds, length within two) plus the entries that sound alike.

A malformed list raises :class:`~repair.errors.EntityListError` naming the file, the line
and the problem: ``entities.toml:14: entity has "aliases" but no "name"``.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import enum
import functools
import hashlib
import io
import re
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from rapidfuzz import fuzz, process

from repair.errors import EntityListError
from repair.replay import RACY_NS, file_signature


class EntityType(enum.Enum):
    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Entity:
    """One named thing: its canonical name, accepted aliases and known wrong variants."""

    name: str
    aliases: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    type: EntityType = EntityType.OTHER
    where: str = ""
    """``path:line`` of its definition, for messages."""

    @property
    def forms(self) -> tuple[str, ...]:
        """The accepted spellings: the canonical name, then the aliases."""
        return (self.name, *self.aliases)

    @property
    def label(self) -> str:
        return f"{self.name}, {self.type.value}"


# Reading -----------------------------------------------------------------------------------

_ENTITY_KEYS: Final = ("name", "aliases", "variants", "type", "note")
_TYPES: Final = tuple(t.value for t in EntityType)
_TOML_LINE: Final = re.compile(r"\s*\(at line (\d+), column \d+\)$")
_TOML_HEADER: Final = re.compile(r"^[ \t]*\[\[[ \t]*\"?entity\"?[ \t]*\]\]", re.MULTILINE)
_CSV_SEPARATOR: Final = ";"
_NEWLINE: Final = re.compile("\n")


def read_entity_list(path: str | Path) -> tuple[Entity, ...]:
    """The entities of one TOML or CSV list, checked.

    Raises :class:`EntityListError` when the file cannot be read or is malformed.
    """
    shown = str(path)
    suffix = Path(path).suffix.lower()
    if suffix not in (".toml", ".csv"):
        raise EntityListError(f"{shown}: unknown entity list format {suffix!r} (use .toml or .csv)")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise EntityListError(f"{shown}: cannot read: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise EntityListError(f"{shown}: not UTF-8: {error}") from error
    return parse_toml(text, shown) if suffix == ".toml" else parse_csv(text, shown)


def parse_toml(text: str, where: str) -> tuple[Entity, ...]:
    """Entities of a TOML list: ``[[entity]]`` tables with ``name``, ``aliases``...

    >>> parse_toml('[[entity]]\\nname = "Dovriv"\\nvariants = ["Dovrov"]\\ntype = "place"', "x")
    (Entity(name='Dovriv', aliases=(), variants=('Dovrov',), type=<EntityType.PLACE: 'place'>, \
where='x:1'),)
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        line = _TOML_LINE.search(message)
        at = f":{line[1]}" if line else ""
        raise EntityListError(
            f"{where}{at}: invalid TOML: {_TOML_LINE.sub('', message)}"
        ) from error
    for key in data:
        if key != "entity":
            hint = _did_you_mean(key, ("entity",))
            raise EntityListError(
                f"{where}:{_key_line(text, key, 0, len(text), _LineIndex(text))}: unknown "
                f"key {key!r}{hint} (entities are [[entity]] tables)"
            )
    tables = data.get("entity", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise EntityListError(f"{where}: 'entity' must be [[entity]] tables")
    lines = _LineIndex(text)
    blocks = _entity_blocks(text, len(tables), lines)
    entities = []
    for table, (start, end, header) in zip(tables, blocks, strict=True):

        def line_of(key: str, start: int = start, end: int = end, header: int = header) -> str:
            return f"{where}:{_key_line(text, key, start, end, lines) or header}"

        entities.append(_entity(table, line_of, f"{where}:{header}"))
    return tuple(entities)


class _LineIndex:
    """1-based line numbers of offsets in a text, by bisection over its line starts: a list
    of 100,000 entities asks for one line per entity, and counting newlines from the start
    of the file each time made reading it quadratic."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line(self, offset: int) -> int:
        """
        >>> _LineIndex("a\\nbb\\nc").line(3)
        2
        """
        return bisect.bisect_right(self._starts, offset)


def _entity_blocks(text: str, count: int, lines: _LineIndex) -> list[tuple[int, int, int]]:
    """(start, end, header line) of each ``[[entity]]`` table, in order.

    When the headers cannot be paired with the tables (inline tables), each block is the
    whole file and its line is unknown (0).
    """
    starts = [match.start() for match in _TOML_HEADER.finditer(text)]
    if not starts or len(starts) != count:
        return [(0, len(text), 0)] * count
    ends = [*starts[1:], len(text)]
    return [(s, e, lines.line(s)) for s, e in zip(starts, ends, strict=True)]


def _key_line(text: str, key: str, start: int, end: int, lines: _LineIndex) -> int:
    """1-based line of ``key = ...`` between two offsets, or 0 when not found."""
    match = re.compile(rf"^[ \t]*\"?{re.escape(key)}\"?[ \t]*=", re.MULTILINE).search(
        text, start, end
    )
    return lines.line(match.start()) if match else 0


def parse_csv(text: str, where: str) -> tuple[Entity, ...]:
    """Entities of a CSV list: a header row (``name`` required; ``aliases``, ``variants``,
    ``type``, ``note``), aliases and variants separated by ``;`` within their cell.

    >>> parse_csv("name,aliases,type\\nTomas Velderholm,Velderholm,person\\n", "x")[0].aliases
    ('Velderholm',)
    """
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        return ()
    for column in header:
        if column not in _ENTITY_KEYS:
            hint = _did_you_mean(column, _ENTITY_KEYS)
            raise EntityListError(f"{where}:1: unknown column {column!r}{hint}")
    if "name" not in header:
        raise EntityListError(f"{where}:1: the header has no 'name' column")
    entities = []
    for row in reader:
        here = f"{where}:{reader.line_num}"
        if not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) > len(header):
            raise EntityListError(f"{here}: {len(row)} cells but {len(header)} columns")
        table: dict[str, Any] = {}
        for column, cell in zip(header, row, strict=False):
            cell = cell.strip()
            if not cell:
                continue
            if column in ("aliases", "variants"):
                table[column] = [part.strip() for part in cell.split(_CSV_SEPARATOR)]
            else:
                table[column] = cell
        entities.append(_entity(table, functools.partial(_same_place, here), here))
    return tuple(entities)


def _same_place(here: str, key: str) -> str:
    """Where a CSV row's ``key`` is: the row's line, whatever the key."""
    return here


def _entity(table: Mapping[str, Any], line_of: Callable[[str], str], here: str) -> Entity:
    """One checked entity from a TOML table or a CSV row; ``line_of(key)`` locates a key
    (asked only for a message: finding a line costs a search of the entity's block)."""
    for key in table:
        if key not in _ENTITY_KEYS:
            hint = _did_you_mean(key, _ENTITY_KEYS)
            raise EntityListError(f"{line_of(key)}: unknown key {key!r}{hint}")
    if "name" not in table:
        others = ", ".join(f'"{key}"' for key in table) or "nothing"
        raise EntityListError(f'{here}: entity has {others} but no "name"')
    name = _text(table["name"], line_of, "name")
    aliases = _texts(table.get("aliases", []), line_of, "aliases")
    variants = _texts(table.get("variants", []), line_of, "variants")
    kind = table.get("type", "other")
    if kind not in _TYPES:
        raise EntityListError(
            f"{line_of('type')}: type must be one of {', '.join(_TYPES)}, not {kind!r}"
        )
    if "note" in table:
        _text(table["note"], line_of, "note")
    forms = (name, *aliases)
    for variant in variants:
        if variant in forms:
            raise EntityListError(
                f"{line_of('variants')}: {variant!r} is both an accepted form and a variant"
            )
    return Entity(
        name, _unique(a for a in aliases if a != name), _unique(variants), EntityType(kind), here
    )


def _text(value: Any, line_of: Callable[[str], str], key: str) -> str:
    if not isinstance(value, str):
        raise EntityListError(f"{line_of(key)}: {key} must be a string, not {value!r}")
    cleaned = " ".join(value.split())
    if not (cleaned[:1].isalpha() or any(char.isalpha() for char in cleaned)):
        raise EntityListError(f"{line_of(key)}: {key} {value!r} has no letter")
    return cleaned


def _texts(value: Any, line_of: Callable[[str], str], key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise EntityListError(f"{line_of(key)}: {key} must be a list of strings, not {value!r}")
    return tuple(_text(item, line_of, key) for item in value)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def merge(lists: Iterable[Sequence[Entity]]) -> tuple[Entity, ...]:
    """One list from several: entities of the same name are joined, in the order first seen.

    A variant of one entity that is an accepted form of another is an error, as is one name
    given two different types (``other`` gives way to a specific type).

    >>> a = Entity("Dovriv", variants=("Dowrijiw",), type=EntityType.PLACE)
    >>> [e.variants for e in merge([(a,), (Entity("Dovriv", variants=("Dovrov",)),)])]
    [('Dowrijiw', 'Dovrov')]
    """
    merged: dict[str, Entity] = {}
    for entities in lists:
        for entity in entities:
            known = merged.get(entity.name)
            merged[entity.name] = entity if known is None else _join(known, entity)
    result = tuple(merged.values())
    _check_variants(result)
    return result


def _join(first: Entity, second: Entity) -> Entity:
    kind = first.type
    if second.type is not EntityType.OTHER:
        if kind not in (EntityType.OTHER, second.type):
            raise EntityListError(
                f"{second.where}: {second.name!r} is a {second.type.value} here but a "
                f"{kind.value} in {first.where}"
            )
        kind = second.type
    return Entity(
        first.name,
        _unique((*first.aliases, *second.aliases)),
        _unique((*first.variants, *second.variants)),
        kind,
        first.where,
    )


def _check_variants(entities: Sequence[Entity]) -> None:
    owner = {form: entity for entity in entities for form in entity.forms}
    for entity in entities:
        for variant in entity.variants:
            other = owner.get(variant)
            if other is not None:
                raise EntityListError(
                    f"{entity.where}: variant {variant!r} of {entity.name!r} is an accepted "
                    f"form of {other.name!r} ({other.where})"
                )


# Folding -----------------------------------------------------------------------------------

_FOLD_EXTRA: Final = MappingProxyType(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "\N{LATIN SMALL LETTER DOTLESS I}": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
    }
)


@functools.lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower case without diacritics: the form near misses are measured on.

    >>> fold("Bülükçan"), fold("Erdoğan"), fold("Łódź")
    ('bulukcan', 'erdogan', 'lodz')
    """
    if text.isascii():  # most names: nothing to decompose or strip
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(_FOLD_EXTRA.get(c, c) for c in stripped)


# Spellings of one sound across transliteration schemes (German, Polish, French, English),
# applied in order: longer clusters first.
_SOUND_CLUSTERS: Final = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("sh", "s"),
    ("zh", "s"),
    ("ph", "f"),
    ("ck", "k"),
)
_SOUND_LETTERS: Final = str.maketrans(
    {"q": "k", "c": "k", "x": "k", "z": "s", "w": "v", "j": "i", "y": "i"}
)
_REPEATS: Final = re.compile(r"(.)\1+")
_ASCII_NON_LETTERS: Final = re.compile("[^A-Za-z]+")


@functools.lru_cache(maxsize=65_536)
def sound_key(text: str) -> str:
    """A coarse key equal for spellings of one name in different transliterations.

    i/y/j fall together, as do w/v, z/s, c/k and kh/ch/h; repeats collapse. Other vowels
    stay apart: "Zavrenska" is not "Zavrensky", nor "Danzhou" "Changtai".

    >>> sound_key("Dovriv") == sound_key("Dowrijiw")
    True
    >>> sound_key("Savrenskyj") == sound_key("Zavrenskyy")
    True
    >>> sound_key("Chelmiw") == sound_key("Khelmiv")
    True
    >>> sound_key("Zavrenska") == sound_key("Zavrensky")
    False
    >>> sound_key("Danzhou") == sound_key("Changtai")
    False
    """
    folded = fold(text)
    if folded.isascii():  # the letters of ASCII text, at C speed
        key = _ASCII_NON_LETTERS.sub("", folded)
    else:
        key = "".join(c for c in folded if c.isalpha())
    for cluster, sound in _SOUND_CLUSTERS:
        key = key.replace(cluster, sound)
    return _REPEATS.sub(r"\1", key.translate(_SOUND_LETTERS))


# The index ---------------------------------------------------------------------------------

_WORD: Final = re.compile(r"[^\W\d_]+")
MIN_FUZZY_LENGTH: Final = 4
"""Shorter spellings are matched exactly only: too many real words lie one edit away."""
_LENGTH_SLACK: Final = 2


def words(text: str) -> tuple[str, ...]:
    """The words of a form, split at spaces, hyphens and apostrophes.

    >>> words("Maren von der Halde"), words("Jean-Yves O'Brien")
    (('Maren', 'von', 'der', 'Halde'), ('Jean', 'Yves', 'O', 'Brien'))
    """
    return tuple(_WORD.findall(text))


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() or any(char.isupper() for char in word)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A near match of a token: the accepted spelling, and how it was found."""

    spelling: str
    entities: tuple[int, ...]
    score: float
    """rapidfuzz ratio of the folded forms, 0 to 100."""
    same_sound: bool
    truncated: bool


@dataclass(frozen=True, slots=True, eq=False)
class EntityIndex:
    """Entities and their spellings, indexed for look-up by token."""

    entities: tuple[Entity, ...]
    spellings: Mapping[str, tuple[int, ...]]
    """Every accepted word of every form ("Tomas", "Velderholm") -> the entities using it."""
    key_spellings: Mapping[str, tuple[int, ...]]
    """The words near misses are matched to: surnames, and the words of places and others."""
    given_names: Mapping[str, tuple[int, ...]]
    """Words that stand before a person's surname in a form ("Tomas", "Ilvar", "Osgar")."""
    by_casefold: Mapping[str, tuple[str, ...]]
    by_first_variant_word: Mapping[str, tuple[tuple[str, int], ...]]
    """First word of a variant -> (variant, entity) pairs."""
    canonical_spellings: frozenset[str]
    """The words of canonical names: preferred when two spellings of one entity tie."""
    _buckets: Mapping[tuple[str, int], tuple[str, ...]] = field(repr=False)
    _by_sound: Mapping[str, tuple[str, ...]] = field(repr=False)
    _by_fold: Mapping[str, tuple[str, ...]] = field(repr=False)

    @classmethod
    def build(cls, entities: Sequence[Entity]) -> EntityIndex:
        spellings: dict[str, list[int]] = {}
        keys: dict[str, list[int]] = {}
        given: dict[str, list[int]] = {}
        variants: dict[str, list[tuple[str, int]]] = {}
        for number, entity in enumerate(entities):
            person = entity.type is EntityType.PERSON
            for form in entity.forms:
                named = [w for w in words(form) if _is_name_word(w)]
                last = len(named) - 1
                for position, word in enumerate(named):
                    _add(spellings, word, number)
                    _add(given if person and position < last else keys, word, number)
            for variant in entity.variants:
                first = words(variant)
                if first:
                    variants.setdefault(first[0], []).append((variant, number))
        casefolded: dict[str, list[str]] = {}
        for word in spellings:
            casefolded.setdefault(word.casefold(), []).append(word)
        # Buckets are ordered sets (dicts): a membership test in a list of a large bucket
        # made building the index quadratic in the list.
        buckets: dict[tuple[str, int], dict[str, None]] = {}
        by_sound: dict[str, list[str]] = {}
        by_fold: dict[str, list[str]] = {}
        for word in keys:
            folded = fold(word)
            if len(folded) < MIN_FUZZY_LENGTH:
                continue
            if folded not in by_fold:
                for start in _starts(sound_key(word)):
                    buckets.setdefault((start, len(folded)), {})[folded] = None
                by_sound.setdefault(sound_key(word), []).append(folded)
            by_fold.setdefault(folded, []).append(word)
        return cls(
            tuple(entities),
            _frozen(spellings),
            _frozen(keys),
            _frozen(given),
            _frozen(casefolded),
            _frozen(variants),
            frozenset(w for entity in entities for w in words(entity.name)),
            _frozen(buckets),
            _frozen(by_sound),
            _frozen(by_fold),
        )

    def __len__(self) -> int:
        return len(self.entities)

    def near(self, token: str, cutoff: float) -> tuple[Candidate, ...]:
        """Accepted spellings close to ``token``, best first, scoring at least ``cutoff``.

        A spelling that ``token`` extends ("Dovrivan" for "Dovriv") is a derived word, not a
        near miss, and is left out.
        """
        folded = fold(token)
        key = sound_key(token)
        same_sound = set(self._by_sound.get(key, ())) if len(key) >= 3 else set()
        nearby: set[str] = set()
        for start in _starts(key):
            for length in range(len(folded) - _LENGTH_SLACK, len(folded) + _LENGTH_SLACK + 1):
                nearby.update(self._buckets.get((start, length), ()))
        scored = {
            choice: score
            for choice, score, _ in process.extract(
                folded, sorted(nearby), scorer=fuzz.ratio, limit=None, score_cutoff=cutoff
            )
        }
        for choice in same_sound - scored.keys():
            scored[choice] = fuzz.ratio(folded, choice)
        found: dict[str, Candidate] = {}
        for choice, score in scored.items():
            if choice == folded or _is_derived(folded, choice):
                continue
            truncated = choice.startswith(folded) and len(choice) - len(folded) <= 2
            for spelling in self._by_fold[choice]:
                found[spelling] = Candidate(
                    spelling, self.key_spellings[spelling], score, choice in same_sound, truncated
                )
        return tuple(sorted(found.values(), key=lambda c: (-c.score, c.spelling)))


def _starts(key: str) -> tuple[str, ...]:
    """Bucket keys of a sound key: its first sound with the second, and with the third.

    A letter lost, added or changed in second place still shares a bucket:

    >>> _starts("baerbok"), _starts("berbok")
    (('ba', 'be'), ('be', 'br'))
    """
    return tuple(dict.fromkeys((key[:2], key[:1] + key[2:3])))


def _is_derived(word: str, stem: str) -> bool:
    """True when ``word`` is ``stem`` with a suffix: a plural, "-an", "-ism", not a typo.

    >>> _is_derived("kyivan", "kyiv"), _is_derived("zelenskys", "zelensky")
    (True, True)
    >>> _is_derived("rosatomm", "rosatom")
    False
    """
    if not word.startswith(stem):
        return False
    suffix = word[len(stem) :]
    return suffix == "s" or len(suffix) >= 2


def _add(table: dict[str, list[int]], word: str, number: int) -> None:
    entries = table.get(word)
    if entries is None:
        table[word] = [number]
    # Numbers come in increasing order: only the last can be this one (a word that
    # thousands of entities share would make a membership test quadratic).
    elif entries[-1] != number:
        entries.append(number)


def _frozen(table: Mapping[Any, Iterable[Any]]) -> Mapping[Any, tuple[Any, ...]]:
    return MappingProxyType({key: tuple(values) for key, values in table.items()})


def load_index(paths: tuple[str, ...]) -> EntityIndex:
    """The merged index of the entity lists at ``paths``, built once per process and again
    when a list's content changes (a notebook's user edits one between runs).

    Lists are told apart by the digest of their bytes, as the result cache tells them: an
    edit that keeps the size and the modification time (``cp -p``, ``tar``, a coarse
    clock) still counts. A process forked after the index was built (a worker of the
    pool) inherits it.
    """
    return _built_index(paths, tuple(_list_digest(path) for path in paths))


def _list_digest(path: str) -> str:
    """The digest of the list's bytes, read again when its status (size, times, inode)
    changes, and on every call while the list is younger than a file system's clock can
    tell apart from a later edit."""
    try:
        status = Path(path).stat()
    except OSError:
        return "unreadable"  # reading it will say what is wrong
    if max(status.st_mtime_ns, status.st_ctime_ns) > time.time_ns() - RACY_NS:
        return _digest(path)
    return _digest_while(path, file_signature(status))


@functools.lru_cache(maxsize=64)
def _digest_while(path: str, signature: tuple[int, ...]) -> str:
    """:func:`_digest` of the list at ``path`` while its status is ``signature``."""
    return _digest(path)


def _digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


@functools.lru_cache(maxsize=8)
def _built_index(paths: tuple[str, ...], digests: tuple[str, ...]) -> EntityIndex:
    return EntityIndex.build(merge(read_entity_list(path) for path in paths))


__all__ = [
    "Candidate",
    "Entity",
    "EntityIndex",
    "EntityType",
    "fold",
    "load_index",
    "merge",
    "parse_csv",
    "parse_toml",
    "read_entity_list",
    "sound_key",
    "words",
]
