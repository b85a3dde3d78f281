"""NAM004 across the files of one run: an entity spelled two accepted ways in different
files, reported where the minority spelling stands.

A corpus rule: it compares the results of a whole batch, so it runs after the batch's files
are checked, on results that keep their documents.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repair.config import Config
from repair.findings import Finding
from repair.results import FileCheck
from repair.worker import config_for

if TYPE_CHECKING:
    from repair.entities import EntityIndex


def add_corpus_consistency(
    results: Iterable[FileCheck],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    cache: bool = False,
) -> Iterator[FileCheck]:
    """The results of one run with NAM004 findings across its files added.

    An entity spelled two accepted ways in different files is reported where the minority
    spelling stands. Files are compared with the others under the same settings (``config``,
    or each file's discovered one, with ``options`` laid over it) when those have an entity
    list and NAM004 in force. Results stream through until the first such file; from it
    on, they are held until the last. With ``cache`` (a run that caches its results), the
    entity index is restored from the result cache's folder when a process kept it there.
    """
    by_folder: dict[Path, Config | None] = {}

    def settings_of(path: str) -> Config | None:
        folder = Path(path).parent
        if folder not in by_folder:
            by_folder[folder] = _consistency_settings(config, options, path)
        return by_folder[folder]

    results = iter(results)
    # Results stream through until one whose settings compare names across files; from it
    # on, all are held: a later file can add a finding to an earlier one.
    for r in results:
        if settings_of(r.path) is not None:
            checked = [r, *results]
            break
        yield r
    else:
        return
    groups: dict[Config, list[FileCheck]] = {}
    for r in checked:
        settings = settings_of(r.path)
        if settings is not None and r.document is not None:
            groups.setdefault(settings, []).append(r)
    extra: dict[str, list[Finding]] = {}
    for settings, members in groups.items():
        from repair.rules.names import corpus_consistency

        index = _entity_index(settings, cache=cache)
        if index is not None:
            pairs = [(r.document, r.findings) for r in members if r.document is not None]
            extra.update(corpus_consistency(pairs, index, _words_language(settings)))
    for r in checked:
        if r.path in extra:
            findings = sorted((*r.findings, *extra[r.path]), key=lambda f: (f.start, f.end, f.code))
            yield dataclasses.replace(r, findings=tuple(findings))
        else:
            yield r


def _entity_index(settings: Config, *, cache: bool) -> EntityIndex | None:
    """The index of the settings' lists; with ``cache``, through the index the result cache
    keeps. (When the cache answered every file, no worker loaded it: without the folder,
    this process built a list of 100,000 entries again, 3.7 s, to compare the files.)"""
    if not cache:
        from repair.rules.base import CheckContext

        return CheckContext(settings).entities
    from repair.cache import ResultCache
    from repair.entities import load_index  # rapidfuzz only when a list is configured

    return load_index(settings.entities, ResultCache.for_config(settings).folder)


def corpus_consistency_applies(
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    paths: Iterable[str | Path] = (),
) -> bool:
    """Whether :func:`add_corpus_consistency` has work for the files under ``paths``: an
    entity list and NAM004 in force, in ``config`` or in the settings discovered for a path
    given (with no paths, for the working folder).

    It then needs each result's document (``check_paths(documents=True)``). A settings file
    with an entity list deeper in a folder given is not looked for.
    """
    places = [Path(p) / "-" for p in paths] if config is None else []
    places = places or [Path.cwd() / "-"]
    return any(_consistency_settings(config, options, str(place)) for place in places)


def _consistency_settings(
    config: Config | None, options: Mapping[str, Any] | None, path: str
) -> Config | None:
    """The settings of the file at ``path`` if they compare names across files, else None."""
    settings = config_for(Path(path).parent, config, options)
    if not settings.entities:
        return None
    from repair.checker import enabled_rules

    return settings if any(rule.code == "NAM004" for rule in enabled_rules(settings)) else None


def _words_language(settings: Config) -> str:
    """The language whose word frequencies name checks use: English unless one is set."""
    return "en" if settings.language == "auto" else settings.language
