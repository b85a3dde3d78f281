"""The rankings of suspect tokens (:func:`~repair.rules.names.suspects.near_ranking`) that
earlier processes worked out with the same index, kept in its notes
(:mod:`repair.entities.notes`).

Ranking a token that no listed spelling writes costs a search of the list: with 100,000
entries, most of what a check adds to one without a list (0.12-0.19 s of CPU over a corpus
of 2.5 MB), paid again by every worker of a run and by every later run, while the same
names, and the same damaged names, recur from file to file and from run to run. A ranking
depends on the token, the index, the language and the code alone: the notes are keyed by
the last three (the index's cache entry holds the code's stamp), so a kept ranking is the
one the search would give. An index with no cache entry (built in a process that had no
cache folder to keep it in: a run with ``--no-cache``, a library call with ``cache=False``)
keeps nothing, and searches. A process that restored or kept the index in a cache folder
hands that same index to its later calls, with or without the folder
(:func:`repair.entities.load_index`): they read and keep notes beside its entry too.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from repair.entities import Candidate, EntityIndex
from repair.entities.notes import add_notes, notes_size, read_notes_after
from repair.rules.names.suspects import _Ranking, near_ranking

_TOPIC: Final = "names.rankings."
"""The notes' topic, followed by the language."""
_MAX_KEPT: Final = 1 << 17
"""Rankings a process holds: more than full notes hold (about 80,000 tokens near no name).
Past them, in a process that meets ever new tokens (a Dask worker, a notebook), it starts
again, as the scan's plans do, instead of growing with every token it meets."""


@dataclass(slots=True)
class _Known:
    entry: Path | None
    topic: str
    kept: dict[str, Any] = field(default_factory=dict)
    """Token -> its ranking, :func:`_encoded`, as the notes hold it."""
    read_to: int = 0
    """Where the records read end in the notes: what is past it, another process added."""
    new: dict[str, Any] = field(default_factory=dict)
    """Rankings worked out here, not yet added to the notes."""

    def read_on(self) -> None:
        """Read the records added to the notes since the last read."""
        if self.entry is not None and notes_size(self.entry) > self.read_to:
            found, self.read_to = read_notes_after(self.entry, self.read_to)
            self.kept.update(found.get(self.topic, {}))


@functools.lru_cache(maxsize=8)
def _known(index: EntityIndex, language: str) -> _Known:
    """The rankings kept for ``index`` and ``language``, read once per process (each worker
    of a run reads what the earlier runs kept), and read on as other processes add some."""
    known = _Known(index.kept_at, _TOPIC + language)
    known.read_on()
    return known


def known_ranking(token: str, index: EntityIndex, language: str) -> _Ranking | None:
    """:func:`~repair.rules.names.suspects.near_ranking` of ``token``: the kept one, or
    the one worked out now (and kept by :func:`keep_rankings`).

    A token no note ranks may have been ranked since by another worker of the run, which
    meets the same names in other files: its records are read before the search (a
    ``stat`` of the notes when nothing was added)."""
    known = _known(index, language)
    if token not in known.kept:
        known.read_on()
    if token in known.kept:
        try:
            return _decoded(known.kept[token], len(index.entities))
        except ValueError:  # written on purpose, or by a bug: searched, kept again
            known.kept.pop(token, None)
    ranking = near_ranking(token, index, language)
    if known.entry is not None:
        known.new[token] = _encoded(ranking)
    return ranking


def keep_rankings(index: EntityIndex, language: str) -> None:
    """Add the rankings worked out since the last call to the index's notes: after each
    text, so that a worker ended with the run has kept its own."""
    known = _known(index, language)
    new = known.new
    if new and known.entry is not None:
        known.new = {}  # first: a ranking another thread adds meanwhile waits for the next call
        if len(known.kept) > _MAX_KEPT:  # a long process's own: the notes stop growing, this
            known.kept.clear()  # too (it read all they hold; what it forgets is searched again)
        known.kept.update(new)
        add_notes(known.entry, known.topic, new)


def _encoded(ranking: _Ranking | None) -> Any:
    """A ranking as :mod:`marshal` writes it: plain tuples for the candidates."""
    if ranking is None:
        return None
    kin = tuple(map(tuple, ranking.kin))
    return (tuple(ranking.best), tuple(map(tuple, ranking.rivals)), ranking.runner_up, kin)


def _decoded(kept: Any, entities: int) -> _Ranking | None:
    """The ranking :func:`_encoded` wrote. Raises :class:`ValueError` for a note of another
    shape or naming an entity past the index's ``entities``. (The checksum of the notes catches
    damage, not a record written so: a ranking of another shape failed the whole check.)"""
    if kept is None:
        return None
    if not (type(kept) is tuple and len(kept) == 4):
        raise ValueError("a kept ranking of another shape")
    best, rivals, runner_up, kin = kept
    if not (
        type(runner_up) is bool
        and type(rivals) is tuple
        and type(kin) is tuple
        and all(_is_candidate(c, entities) for c in (best, *rivals, *kin))
    ):
        raise ValueError("a kept ranking of another shape")
    make = Candidate._make
    return _Ranking(make(best), tuple(map(make, rivals)), runner_up, tuple(map(make, kin)))


def _is_candidate(kept: Any, entities: int) -> bool:
    """Whether ``kept`` is a :class:`~repair.entities.Candidate` as :func:`_encoded` wrote it."""
    if not (type(kept) is tuple and len(kept) == 5):
        return False
    spelling, numbers, score, same_sound, truncated = kept
    return (
        type(spelling) is str
        and type(numbers) is tuple
        and all(type(n) is int and 0 <= n < entities for n in numbers)
        and type(score) in (float, int)
        and type(same_sound) is bool
        and type(truncated) is bool
    )
