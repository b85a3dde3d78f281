"""Entity lists: the names a text should spell one way, and a fast index to match them.

A list is TOML (``[[entity]]`` tables) or CSV (a header row and one entity a row); several
lists merge into one. :func:`load_index` reads the lists of a configuration once per process
and builds an :class:`EntityIndex`, whose cost per looked-up token does not grow with the
list: exact forms are dictionary look-ups, and near misses are scored by rapidfuzz over a
small bucket (same first two sounds, length within two) plus the entries that sound alike.

A malformed list raises :class:`~repair.errors.EntityListError` naming the file, the line
and the problem: ``entities.toml:14: entity has "aliases" but no "name"``.
"""

from repair.entities.index import Candidate, EntityIndex
from repair.entities.lists import (
    Entity,
    EntityType,
    merge,
    parse_csv,
    parse_toml,
    read_entity_list,
)
from repair.entities.loading import load_index
from repair.entities.spelling import fold, sound_key, words

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
