"""Files and record corpora scored before and after the safe fixes, in memory: each file or
corpus read once, its fix's findings before (``found``) and after (``remaining``) turned into
the quality score (:mod:`repair.score.quality`), and sacrebleu's metrics against a reference
when one is given (:mod:`repair.score.reference`)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from repair.api import FileFix, Results, fix_paths
from repair.config import Config
from repair.errors import DocumentError
from repair.files import decode, read_bytes
from repair.language import is_language_notice
from repair.records import fixes_in_memory, is_record_file, unless_unreadable
from repair.score.quality import (
    QualityScore,
    ScoreWeights,
    count_words,
    default_weights,
    quality_score,
)
from repair.score.reference import ReferenceScores, reference_scores


@dataclass(frozen=True, slots=True)
class ReferenceComparison:
    """sacrebleu scores of a file before and after repair, against one reference file."""

    reference: str
    before: ReferenceScores
    after: ReferenceScores
    folded_quotes: bool = True
    """Whether curly quotes were folded to straight ones in both texts before scoring."""


@dataclass(frozen=True, slots=True)
class FileScore:
    """One file scored as it is (``before``) and as ``repair fix`` would leave it (``after``).

    ``error`` is a one-line reason when the file (or its reference) could not be read or
    fixed; the scores are then ``None``.
    """

    path: str
    before: QualityScore | None = None
    after: QualityScore | None = None
    fix: FileFix | None = None
    """The in-memory fix: the file as read and its findings (``original``, ``found``), the
    fixes applied, the fixed text and what remains in it."""
    reference: ReferenceComparison | None = None
    error: str | None = None
    skipped: str | None = None
    """Why the file was not scored though it was read: a text not in English, whose
    findings (of the rules that hold in any language) say nothing of its quality."""


def score_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    weights: ScoreWeights | None = None,
    reference: str | Path | None = None,
    reference_dir: str | Path | None = None,
    fold_quotes: bool = True,
    jobs: int = 1,
    cache: bool = False,
    text_field: str = "text",
    reference_field: str | None = None,
) -> Results[FileScore]:
    """Score files before and after the safe fixes, computed in memory; nothing is written.

    ``reference`` is the reference of every file (use it with one file); ``reference_dir``
    holds references named as the files are. A file with no reference there gets none.
    ``fold_quotes`` folds curly quotes to straight ones in both texts before the
    reference-based metrics (see :func:`repair.score.reference.one_segment`).

    JSONL and Parquet corpora among ``paths`` are scored record by record, first, as
    :func:`score_records` does with ``text_field`` and ``reference_field``; a corpus that
    cannot be read is one score with its error. ``reference`` and ``reference_dir`` apply
    to files only: with a corpus among ``paths`` they raise :class:`ValueError`.
    Raises :class:`~repair.errors.DocumentError` when ``reference`` cannot be read.
    """
    given = [Path(p) for p in paths]
    corpora = [p for p in given if is_record_file(p)]
    files = [p for p in given if not is_record_file(p)]
    if corpora and (reference is not None or reference_dir is not None):
        raise ValueError("reference and reference_dir apply to files, not to record corpora")
    weights = weights or default_weights()
    # The files are walked once, here: their count is the progress bar's total.
    fixes = fix_paths(files, config=config, options=options, write=False, jobs=jobs, cache=cache)
    scored = _score_files(fixes, weights, (reference, reference_dir), fold_quotes)
    return Results(
        _scores(
            corpora,
            scored,
            config,
            options,
            weights,
            fold_quotes,
            jobs,
            text_field,
            reference_field,
        ),
        fixes.total,
    )


def _scores(
    corpora: list[Path],
    files: Iterator[FileScore],
    config: Config | None,
    options: Mapping[str, Any] | None,
    weights: ScoreWeights,
    fold_quotes: bool,
    jobs: int,
    text_field: str,
    reference_field: str | None,
) -> Iterator[FileScore]:
    """The scores of the records of each corpus, then those of the files."""
    for corpus in corpora:
        scores = score_records(
            corpus,
            text_field=text_field,
            reference_field=reference_field,
            config=config,
            options=options,
            weights=weights,
            fold_quotes=fold_quotes,
            jobs=jobs,
        )
        yield from unless_unreadable(corpus, scores, functools.partial(_unscored, str(corpus)))
    yield from files


def score_records(
    path: str | Path,
    *,
    text_field: str = "text",
    reference_field: str | None = None,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    weights: ScoreWeights | None = None,
    fold_quotes: bool = True,
    jobs: int = 1,
) -> Iterator[FileScore]:
    """Score every record of a JSONL or Parquet corpus before and after the safe fixes.

    One :class:`FileScore` per record, in order, named as :func:`repair.records.check_records`
    names it (``corpus.jsonl[17]``); the corpus is read once. A malformed record (invalid
    JSON, a missing or null text) is a score with its error, and the corpus goes on. With
    ``reference_field``, a record that holds a string there is also scored against it
    (chrF, BLEU, TER); a record without one gets no reference. Raises
    :class:`~repair.errors.RepairError` (or :class:`OSError`) when the corpus cannot be read.
    """
    weights = weights or default_weights()
    fixes = fixes_in_memory(
        path,
        text_field=text_field,
        also_field=reference_field,
        config=config,
        options=options,
        jobs=jobs,
    )
    for fixed, reference_text in fixes:
        named = None
        if reference_text is not None:
            named = (f"{fixed.path}.{reference_field}", reference_text)
        yield _scored(fixed, weights, named, fold_quotes)


def _unscored(path: str, reason: str) -> FileScore:
    return FileScore(path, error=reason)


def _score_files(
    fixes: Iterator[FileFix],
    weights: ScoreWeights,
    references: tuple[str | Path | None, str | Path | None],
    fold_quotes: bool,
) -> Iterator[FileScore]:
    reference, reference_dir = references
    shared = (str(reference), _read_text(Path(reference))) if reference is not None else None
    # One read of each file: the fix's findings before it (``found``) are the check's, each
    # file alone (a finding across files has no fix to score).
    for fixed in fixes:
        try:
            named = shared
            if named is None and fixed.original is not None:
                named = _reference_in(reference_dir, fixed.path)
        except DocumentError as problem:
            yield FileScore(fixed.path, error=f"reference {problem.path}: {problem.problem}")
            continue
        yield _scored(fixed, weights, named, fold_quotes)


def _reference_in(folder: str | Path | None, path: str) -> tuple[str, str] | None:
    """The name and text of the file named as ``path`` in ``folder``, if there is one."""
    if folder is None:
        return None
    candidate = Path(folder) / Path(path).name
    if not candidate.is_file():
        return None
    return str(candidate), _read_text(candidate)


def _scored(
    fixed: FileFix,
    weights: ScoreWeights,
    reference: tuple[str, str] | None,
    fold_quotes: bool,
) -> FileScore:
    """The score of a text before and after its fix, and its metrics against a reference."""
    error = fixed.error
    if error is not None or fixed.original is None or fixed.fixed_text is None:
        return FileScore(fixed.path, error=error or "could not be read")
    text = fixed.original.text
    comparison = None
    if reference is not None:
        name, reference_text = reference
        comparison = ReferenceComparison(
            name,
            reference_scores(text, reference_text, fold_quotes=fold_quotes),
            reference_scores(fixed.fixed_text, reference_text, fold_quotes=fold_quotes),
            fold_quotes,
        )
    if is_language_notice(fixed.notice):
        # The metrics against a reference hold in any language; the quality score does not.
        return FileScore(fixed.path, None, None, fixed, comparison, skipped=fixed.notice)
    before = quality_score(fixed.found, count_words(text), weights)
    after = quality_score(fixed.remaining, count_words(fixed.fixed_text), weights)
    return FileScore(fixed.path, before, after, fixed, comparison)


def _read_text(path: Path) -> str:
    """The text of a reference file; :class:`DocumentError` when it cannot be read."""
    return decode(read_bytes(path), str(path)).text


__all__ = ["FileScore", "ReferenceComparison", "score_paths", "score_records"]
