"""LT: grammar and spelling findings from LanguageTool, when selected or a server is named.

The rule asks the server chosen by :mod:`repair.score.languagetool` (a configured URL,
``REPAIR_LANGUAGETOOL_URL``, or the run's local server) and yields nothing at once when there
is none. A server that fails leaves the document without grammar findings and counts it
(:func:`repair.score.languagetool.note_missing`): its other findings stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from repair.document import Document
from repair.findings import Applicability, Finding, Fix, Severity
from repair.rules.base import CheckContext, FixAvailability, Rule
from repair.score import languagetool

# LanguageTool issue types that are about correctness; the others (style, typographical,
# whitespace...) are reported as information.
_SERIOUS: Final = frozenset({"misspelling", "grammar"})
_EVIDENCE_CHARS: Final = 40


def languagetool_match(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Grammar or spelling error found by LanguageTool, with LanguageTool's rule id.

    What it catches:
        What a LanguageTool server reports on the text's paragraphs: misspellings,
        agreement errors, wrong word forms, confused words. Off unless selected
        (--extend-select LT) or a server URL is configured (languagetool = URL,
        REPAIR_LANGUAGETOOL_URL).
    Why:
        Machine translation leaves grammar errors that no artefact rule sees, and readers
        and downstream models notice them.
    Bad:
        The minister arived in Brussels on Tuesday.
    Good:
        The minister arrived in Brussels on Tuesday.
    Fix safety:
        Unsafe: LanguageTool's first suggestion is a guess, often one of several.
    """
    if not doc.paragraphs:
        return
    try:
        checker = languagetool.checker_for(languagetool.backend_for(ctx.config))
        if checker is None:
            return
        # Every batch answered before the first finding goes out: a server failing halfway
        # leaves no half of the document's grammar findings.
        found = list(
            languagetool.check_paragraphs(checker, doc.text, doc.paragraphs, ctx.config.language)
        )
    except languagetool.LanguageToolError as error:
        languagetool.note_missing(error)
        return
    for span, match in found:
        evidence = doc.text[span.start : span.end][:_EVIDENCE_CHARS]
        message = match.message.strip().rstrip(".") or "LanguageTool match"
        fix = None
        if match.replacements:
            first = match.replacements[0]
            fix = Fix.replace(
                span.start, span.end, first, Applicability.UNSAFE, f'Replace with "{first}"'
            )
        yield Finding(
            "LT001",
            f'{message}: "{evidence}" ({match.rule_id})',
            span,
            Severity.WARNING if match.issue_type in _SERIOUS else Severity.INFO,
            fix,
        )


RULES: Final = (
    Rule(
        "LT001",
        "languagetool-match",
        languagetool_match,
        FixAvailability.SOMETIMES,
        Severity.WARNING,
        default=False,
        enabled_by=languagetool.url_configured,
    ),
)
