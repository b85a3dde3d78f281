"""Reading entity lists: TOML and CSV files checked and turned into entities, and several
lists merged into one.

A malformed list raises :class:`~repair.errors.EntityListError` naming the file, the line
and the problem: ``entities.toml:14: entity has "aliases" but no "name"``. Reading is linear
in the list: line numbers come from a bisection over the line starts, and only for a message.
"""

from __future__ import annotations

import bisect
import csv
import difflib
import enum
import functools
import io
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from repair.entities import plain_toml
from repair.errors import EntityListError


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
_TYPE_OF: Final = {t.value: t for t in EntityType}
_KNOWN_KEYS: Final = frozenset(_ENTITY_KEYS)
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
    header_lines: list[int] = []
    try:
        data = plain_toml.loads(text, header_lines)
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
    blocks_of = functools.cache(functools.partial(_entity_blocks, text, len(tables)))
    if len(header_lines) != len(tables):  # read by tomllib: the headers found again
        header_lines = [header for _, _, header in blocks_of()]
    # (Read in the plain shape, its reader gave the headers' lines, the lines _entity_blocks
    # finds: the blocks' offsets are found only for a message.)
    entities = []
    for number, (table, header) in enumerate(zip(tables, header_lines, strict=True)):

        def line_of(key: str, number: int = number, header: int = header) -> str:
            start, end, _ = blocks_of()[number]
            return f"{where}:{_key_line(text, key, start, end, lines) or header}"

        entities.append(_entity(table, line_of, f"{where}:{header}"))
    return tuple(entities)


class _LineIndex:
    """1-based line numbers of offsets in a text, by bisection over its line starts: a list
    of 100,000 entities asks for one line per entity, and counting newlines from the start
    of the file each time made reading it quadratic. The starts are found on the first
    question: a list with no error asks none (its headers' lines are counted in order)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def line(self, offset: int) -> int:
        """
        >>> _LineIndex("a\\nbb\\nc").line(3)
        2
        """
        if self._starts is None:
            self._starts = [0, *(match.end() for match in _NEWLINE.finditer(self._text))]
        return bisect.bisect_right(self._starts, offset)


def _entity_blocks(text: str, count: int) -> list[tuple[int, int, int]]:
    """(start, end, header line) of each ``[[entity]]`` table, in order.

    When the headers cannot be paired with the tables (inline tables), each block is the
    whole file and its line is unknown (0).
    """
    starts = [match.start() for match in _TOML_HEADER.finditer(text)]
    if not starts or len(starts) != count:
        return [(0, len(text), 0)] * count
    ends = [*starts[1:], len(text)]
    # Each header's line: the newlines since the previous header, counted in C
    header_lines = []
    line, previous = 1, 0
    for start in starts:
        line += text.count("\n", previous, start)
        header_lines.append(line)
        previous = start
    return list(zip(starts, ends, header_lines, strict=True))


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
        if key not in _KNOWN_KEYS:
            hint = _did_you_mean(key, _ENTITY_KEYS)
            raise EntityListError(f"{line_of(key)}: unknown key {key!r}{hint}")
    if "name" not in table:
        others = ", ".join(f'"{key}"' for key in table) or "nothing"
        raise EntityListError(f'{here}: entity has {others} but no "name"')
    name = _text(table["name"], line_of, "name")
    # Most entities have no aliases or no variants: nothing to check for those
    aliases = _texts(table["aliases"], line_of, "aliases") if "aliases" in table else ()
    variants = _texts(table["variants"], line_of, "variants") if "variants" in table else ()
    kind = table.get("type", "other")
    if not isinstance(kind, str) or kind not in _TYPE_OF:
        raise EntityListError(
            f"{line_of('type')}: type must be one of {', '.join(_TYPES)}, not {kind!r}"
        )
    if "note" in table:
        _text(table["note"], line_of, "note")
    if variants:
        forms = (name, *aliases)
        for variant in variants:
            if variant in forms:
                raise EntityListError(
                    f"{line_of('variants')}: {variant!r} is both an accepted form and a variant"
                )
    if len(aliases) == 1:  # most: one alias, nothing to merge
        aliases = () if aliases[0] == name else aliases
    elif aliases:
        aliases = _unique(a for a in aliases if a != name)
    return Entity(name, aliases, _unique(variants) if variants else (), _TYPE_OF[kind], here)


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
    if not any(entity.variants for entity in entities):
        return  # most lists: no variant to check (the table of every form cost a tenth)
    owner = {form: entity for entity in entities for form in entity.forms}
    for entity in entities:
        for variant in entity.variants:
            other = owner.get(variant)
            if other is not None:
                raise EntityListError(
                    f"{entity.where}: variant {variant!r} of {entity.name!r} is an accepted "
                    f"form of {other.name!r} ({other.where})"
                )
