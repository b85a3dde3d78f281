"""The rankings of suspect tokens (:func:`~repair.rules.names.suspects.near_ranking`) that
earlier processes worked out with the same index, kept in its notes
(:mod:`repair.entities.notes`).

Ranking a token that no listed spelling writes costs a search of the list: with 100,000
entries, most of what a check adds to one without a list (0.12-0.19 s of CPU over a corpus
of 2.5 MB), paid again by every worker of a run and by every later run, while the same
names, and the same damaged names, recur from file to file and from run to run. A ranking
depends on the token, the index, the language and the code alone: the notes are keyed by
the last three (the index's cache entry holds the code's stamp), so a kept ranking is the
one the search would give. An index with no cache entry (a run with ``--no-cache``, a
library call) keeps nothing, and searches.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from repair.entities import Candidate, EntityIndex
from repair.entities.notes import add_notes, read_notes
from repair.rules.names.suspects import _Ranking, near_ranking

_TOPIC: Final = "names.rankings."
"""The notes' topic, followed by the language."""


@dataclass(slots=True)
class _Known:
    entry: Path | None
    topic: str
    kept: dict[str, Any]
    """Token -> its ranking, :func:`_encoded`, as the notes hold it."""
    new: dict[str, Any] = field(default_factory=dict)
    """Rankings worked out here, not yet added to the notes."""


@functools.lru_cache(maxsize=8)
def _known(index: EntityIndex, language: str) -> _Known:
    """The rankings kept for ``index`` and ``language``, read once per process (each worker
    of a run reads what the earlier runs kept)."""
    entry = index.kept_at
    topic = _TOPIC + language
    return _Known(entry, topic, {} if entry is None else read_notes(entry).get(topic, {}))


def known_ranking(token: str, index: EntityIndex, language: str) -> _Ranking | None:
    """:func:`~repair.rules.names.suspects.near_ranking` of ``token``: the kept one, or
    the one worked out now (and kept by :func:`keep_rankings`)."""
    known = _known(index, language)
    if token in known.kept:
        return _decoded(known.kept[token])
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
        known.kept.update(new)
        add_notes(known.entry, known.topic, new)


def _encoded(ranking: _Ranking | None) -> Any:
    """A ranking as :mod:`marshal` writes it: plain tuples for the candidates."""
    if ranking is None:
        return None
    kin = tuple(map(tuple, ranking.kin))
    return (tuple(ranking.best), tuple(map(tuple, ranking.rivals)), ranking.runner_up, kin)


def _decoded(kept: Any) -> _Ranking | None:
    """The ranking :func:`_encoded` wrote."""
    if kept is None:
        return None
    best, rivals, runner_up, kin = kept
    make = Candidate._make
    return _Ranking(make(best), tuple(map(make, rivals)), runner_up, tuple(map(make, kin)))
