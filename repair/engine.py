"""The engine: one call that checks or fixes one document under its settings.

Every source (walked files, JSONL and Parquet records, standard input, a text given to the
library) reads its document its own way and hands it here; what it does with the
:class:`Outcome` (print, write, count, score) is its own business too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from repair.config import Config
from repair.document import Document
from repair.findings import Edit, Finding
from repair.fixer import fix_document


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the engine made of one document.

    ``found`` are the findings of the text as given; ``applied`` those whose fixes were
    applied, pass by pass (``passes`` holds each pass's edits); ``remaining`` the findings
    of ``text``, the text as it comes out (with ``"\\n"`` line endings). A check applies
    nothing: its ``remaining`` are its ``found``. ``encoding_change`` are the findings
    (ENC001) whose fix is no edit but the re-encoding as UTF-8 that writing the text makes;
    they stay among ``remaining``, since the text itself does not change.
    """

    found: tuple[Finding, ...]
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    passes: tuple[tuple[Edit, ...], ...]
    text: str
    encoding_change: tuple[Finding, ...]


def run(
    document: Document,
    settings: Config,
    fix: bool = False,
    *,
    unsafe: bool = False,
    found: Sequence[Finding] | None = None,
) -> Outcome:
    """Check ``document`` under ``settings``, or (``fix``) apply its fixes until the text
    stops changing, unsafe ones too when ``unsafe``.

    ``found`` are the document's findings when they are known already (from the result
    cache): a check returns them, and a fix takes them as its first pass. Raises
    :class:`~repair.errors.FixDidNotConverge` when fixes keep changing the text.
    """
    if not fix:
        findings = tuple(found) if found is not None else tuple(check(document, settings))
        return Outcome(findings, (), findings, (), document.text, _encoding_change(findings))
    # The rules load on first use, as in ``check``; the fix loop checks again only what
    # each pass changed (repair/recheck.py).
    from repair.recheck import Rechecker

    result = fix_document(document, Rechecker(settings), unsafe=unsafe, found=found)
    return Outcome(
        result.found,
        result.applied,
        result.remaining,
        result.passes,
        result.text,
        _encoding_change(result.remaining),
    )


def check(document: Document, settings: Config) -> list[Finding]:
    """The findings of ``document`` under ``settings``, sorted by position."""
    # The rules and their libraries (a third of a second to import) load on the first file
    # that needs rule work: a run the cache answers never imports them.
    from repair import checker

    return checker.check_document(document, settings)


def _encoding_change(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    return tuple(f for f in findings if f.code == "ENC001" and f.fix is not None)
