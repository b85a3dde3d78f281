"""LT: grammar and spelling findings from LanguageTool, when selected or a server is named.

The rule asks the server chosen by :mod:`repair.languagetool` (a configured URL,
``REPAIR_LANGUAGETOOL_URL``, or the run's local server) and yields nothing at once when there
is none. A server that fails leaves the document without grammar findings and counts it
(:func:`repair.languagetool.note_missing`): its other findings stand.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Final

from repair import data, languagetool, lexicon
from repair.document import Document
from repair.findings import Applicability, Fix, Hit, Severity
from repair.rules.base import CheckContext, FixAvailability, Rule, is_enabled, matches

if TYPE_CHECKING:
    from repair.config import Config
    from repair.entities import EntityIndex

# LanguageTool issue types that are about correctness; the others (style, typographical,
# whitespace...) are reported as information.
_SERIOUS: Final = frozenset({"misspelling", "grammar"})
_EVIDENCE_CHARS: Final = 40
# LanguageTool's spelling rules: their ids start so for every language and variant.
_SPELLING_PREFIX: Final = "MORFOLOGIK_RULE_"
_MIN_STEM: Final = 4


def rule_id_is_precise(rule_id: str) -> bool:
    """Whether LT001 reports this LanguageTool rule's matches by default
    (``repair/data/languagetool-rules.txt``)."""
    return rule_id in data.word_set("languagetool-rules")


def is_name_or_word(word: str, entities: EntityIndex | None, language: str = "en") -> bool:
    """Whether a word LanguageTool's spelling dictionary lacks is a name or a word all the
    same: in the entity lists; capitalised (news English capitalises names, and the names of
    the news are most of what the dictionary lacks: "Velderholm", "Dunstrom"), unless it is a
    common word plus an English suffix; or a common word in lower case (a British spelling,
    "colour", under en-US). A misspelling wordfreq knows from the web ("arived") stays one.

    >>> [is_name_or_word(w, None) for w in ("Dunstrom", "CNRTI", "colour", "arived")]
    [True, True, True, False]
    >>> is_name_or_word("Governmentory", None)
    False
    """
    if entities is not None and (
        word in entities.spellings or word.casefold() in entities.by_casefold
    ):
        return True
    if sum(character.isupper() for character in word) > 1:
        return True  # an acronym or a brand: "CNRTI", "PlanAS"
    if word[:1].isupper():
        return not _is_english_derivation(word.lower(), language)
    return lexicon.zipf(word, language) >= lexicon.COMMON_WORD_ZIPF


def _is_english_derivation(word: str, language: str) -> bool:
    """A common word of at least 4 letters plus a suffix of ``words-derivational-suffixes``.

    >>> _is_english_derivation("productory", "en"), _is_english_derivation("longping", "en")
    (True, False)
    """
    for suffix in data.word_set("words-derivational-suffixes"):
        stem = word.removesuffix(suffix)
        if (
            stem != word
            and len(stem) >= _MIN_STEM
            and lexicon.is_word(stem, language, lexicon.COMMON_WORD_ZIPF)
        ):
            return True
    return False


def is_kept(
    match: languagetool.Match,
    evidence: str,
    selectors: frozenset[str] = frozenset(),
    entities: EntityIndex | None = None,
    language: str = "en",
    *,
    precise_rules: bool = True,
) -> bool:
    """Whether LT001 reports ``match`` (on ``evidence``, the text it covers): its rule is
    selected as ``LT:RULE_ID``, or (with ``precise_rules``) one of the precise rules, and a
    spelling match is not a name or word."""
    selected = f"LT:{match.rule_id}" in selectors
    if not selected and not (precise_rules and rule_id_is_precise(match.rule_id)):
        return False
    if match.rule_id.startswith(_SPELLING_PREFIX):
        return not is_name_or_word(evidence, entities, language)
    return True


def languagetool_match(doc: Document, ctx: CheckContext) -> Iterator[Hit]:
    """Grammar or spelling error found by LanguageTool, with LanguageTool's rule id.

    What it catches:
        What a LanguageTool server reports on the text's paragraphs, from the rules measured
        precise on news text (repair/data/languagetool-rules.txt): misspelt non-words, a/an,
        doubled words, agreement, confused words. Not a spelling match on a name (entity
        lists, a capitalised word wordfreq knows) or a common word. Off unless selected
        (--extend-select LT, or LT:RULE_ID for one LanguageTool rule) or a server URL is
        configured (languagetool = URL, REPAIR_LANGUAGETOOL_URL).
    Why:
        Machine translation leaves grammar errors and non-words that no artefact rule sees,
        and readers and downstream models notice them.
    Bad:
        The minister arived in Brussels on Tuesday.
    Good:
        The minister arrived in Brussels on Tuesday.
    Fix safety:
        Unsafe: LanguageTool's first suggestion is a guess, often one of several. Measured
        on the WMT20 zh-en MQM set (benchmarks/precision.py --languagetool): see README.md,
        "Precision: which LanguageTool rules are reported".
    """
    if not doc.paragraphs:
        return
    try:
        checker = languagetool.checker_for(languagetool.backend_for(ctx.config.languagetool))
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
    config = ctx.config
    selected = frozenset((*(config.select or ()), *config.extend_select))
    # Selected as LT, LT001, ALL or by a server URL: the precise rules and any LT:RULE_ID;
    # selected only as LT:RULE_ID: those rules alone.
    whole = matches(RULES[0], selected, details=False) or (
        config.select is None and languagetool.url_configured(config.languagetool)
    )
    ignored = frozenset(config.ignored_for(doc.path))
    entities = ctx.entities
    for span, match in found:
        covered = doc.text[span.start : span.end]
        if f"LT:{match.rule_id}" in ignored or not is_kept(
            match, covered, selected, entities, config.language, precise_rules=whole
        ):
            continue
        evidence = covered[:_EVIDENCE_CHARS]
        message = match.message.strip().rstrip(".") or "LanguageTool match"
        fix = None
        if match.replacements:
            first = match.replacements[0]
            fix = Fix.replace(
                span.start, span.end, first, Applicability.UNSAFE, f'Replace with "{first}"'
            )
        yield Hit(
            f'{message}: "{evidence}" ({match.rule_id})',
            span,
            fix,
            severity=Severity.WARNING if match.issue_type in _SERIOUS else Severity.INFO,
        )


def _server_named(config: Config) -> bool:
    """Whether the settings name a LanguageTool server, which puts LT001 in force."""
    return languagetool.url_configured(config.languagetool)


RULES: Final = (
    Rule(
        "LT001",
        "languagetool-match",
        languagetool_match,
        FixAvailability.SOMETIMES,
        Severity.WARNING,
        default=False,
        enabled_by=_server_named,
    ),
)


def grammar_in_force(config: Config, ignored: Sequence[str] | None = None) -> bool:
    """Whether the LT rules run under ``config``: selected, or a server URL configured.

    Asked of this module alone, not the registry: a run answered from the cache imports no
    other rule.
    """
    ignored = config.ignored_for(None) if ignored is None else ignored
    return any(is_enabled(rule, config, ignored) for rule in RULES)
