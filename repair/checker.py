"""Run the selected rules over a document and collect their findings."""

from __future__ import annotations

import bisect
import dataclasses
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from repair.config import Config
from repair.document import Document
from repair.findings import Finding
from repair.fix_settings import FixPolicy, fix_policy
from repair.language import (
    AUTO,
    ENGLISH,
    document_language,
    in_other_language,
    is_english,
)
from repair.registry import ALL_RULES
from repair.rules.base import CheckContext, Rule, is_enabled

_SUPPRESSION: Final = re.compile(
    r"""<!--\s*repair:\s*ignore          # <!-- repair: ignore
        (?:\[(?P<codes>[A-Za-z0-9_,\s-]*)\])?  # optional [CODE, CODE]
        \s*-->""",
    re.VERBOSE,
)


def enabled_rules(
    config: Config, path: str | None = None, *, ignored: tuple[str, ...] | None = None
) -> tuple[Rule, ...]:
    """The rules in force for ``path``: selected, extended, minus ignored ones.

    ``ignored`` replaces the ignores of ``config`` for ``path`` when given.
    """
    if ignored is None:
        ignored = config.ignored_for(path)
    return tuple(rule for rule in ALL_RULES if is_enabled(rule, config, ignored))


# A short text of many kinds of words and marks: checking it loads the tables the rules
# read on first use (word frequencies, lists in repair/data/). Its spaced hyphen ("two
# -day") makes the hyphen rules ask about words, which loads the frequencies.
_WARM_UP_TEXT: Final = (
    "The minister of Eldoria said on Monday: \u201cWe agreed on a two -day truce.\u201d\n"
    "Prices in Vessmark rose 5% after the vote, officials told reporters.\n"
)


def prepare(config: Config) -> None:
    """Import the rules and load what every check under ``config`` reads: their tables and
    patterns, as a check does on its first document.

    For a process about to fork workers: they inherit all of it instead of each loading its
    own. Grammar rules are left out, since checking would call LanguageTool. What only some
    documents need is left to the worker that meets one: lingua's models (0.12 s, 20 MB)
    load on a paragraph that the word counts cannot call English, rapidfuzz on an entity
    list or a line ftfy decodes again. Loaded here, the workers would wait for them even
    when none needs them; loaded by each worker that needs them, the cores load them at
    once, which costs a run no more wall time than this process loading them first (but
    memory: each such worker holds its own copy of the models, some 20 MB, where forked
    workers shared the parent's).
    """
    rules = [rule for rule in enabled_rules(config) if not rule.code.startswith("LT")]
    check_document(Document.from_text(_WARM_UP_TEXT, path="warm-up.txt"), config, rules)


def check_document(
    doc: Document, config: Config, rules: Iterable[Rule] | None = None
) -> list[Finding]:
    """Every finding of the rules in force, sorted by position, minus suppressed ones.

    A finding whose span or fix touches protected text (a URL, code, a link target...) of a
    kind its rule is not about is dropped here, so no rule can damage such text. A document
    not in English gets only the rules that hold in any language; in an English document
    whose language was detected, a paragraph in another language (a German quotation) gets
    no finding of an English-only rule.
    """
    by_rule = findings_by_rule(doc, config, rules)
    return finish(doc, [finding for _, found in by_rule for finding in found])


RuleSource = Callable[[Rule, CheckContext], Iterable[Finding]]
"""Where a rule's stamped findings come from, for :func:`findings_by_rule`."""


def findings_by_rule(
    doc: Document,
    config: Config,
    rules: Iterable[Rule] | None = None,
    source: RuleSource | None = None,
    plans: dict[tuple[str, str | None], RulePlan] | None = None,
) -> list[tuple[Rule, list[Finding]]]:
    """The findings of each rule in force for ``doc``, filtered as :func:`check_document`
    says, unsorted and before suppressions. ``source`` gives a rule's stamped findings in
    ``doc``'s offsets when they come from elsewhere than ``rule.check(doc)`` (the fix loop's
    re-check of changed paragraphs, :mod:`repair.recheck`). ``plans`` keeps the
    :class:`RulePlan` of each (language, path) across the checks of one fix run under
    ``config`` and ``rules``: each pass's check would work it out the same again."""
    language = document_language(doc, config)
    plan = None if plans is None else plans.get((language, doc.path))
    if plan is None:
        plan = rule_plan(doc, config, language, rules)
        if plans is not None:
            plans[language, doc.path] = plan
    context, detected = plan.context, plan.detected
    result: list[tuple[Rule, list[Finding]]] = []
    # Most findings are far from every protected span: a bisection over the spans' starts
    # tells so at once for the range the finding and its fix cover, and only the others
    # are asked about kinds, span by span (``_touches_protected``).
    starts = [p.span.start for p in doc.protected]
    reach = max((len(p.span) for p in doc.protected), default=0)
    for rule, policy in plan.rules:
        found: Iterable[Finding] = (
            map(rule.stamp, rule.check(doc, context)) if source is None else source(rule, context)
        )
        if rule.english_only and detected:
            found = (f for f in found if not in_other_language(doc, f.span.start))
        if policy is not None:
            # Applied here, so the marks of check, the cache and fix all see the same fixes;
            # after the protected-text filter, which judges the fix the rule proposed.
            result.append(
                (rule, list(map(policy.apply, _unprotected(doc, rule, found, starts, reach))))
            )
        else:
            result.append((rule, list(_unprotected(doc, rule, found, starts, reach))))
    return result


@dataclasses.dataclass(frozen=True, slots=True)
class RulePlan:
    """What :func:`findings_by_rule` works out before it runs a rule: a function of the
    settings, the document's language and path and the rules asked for, and of nothing in
    the text."""

    context: CheckContext
    detected: bool
    """Whether the language was detected (then English-only rules skip the paragraphs in
    another language)."""
    rules: tuple[tuple[Rule, FixPolicy | None], ...]
    """The rules to run on a document in that language, each with its fix policy."""


def rule_plan(
    doc: Document, config: Config, language: str, rules: Iterable[Rule] | None = None
) -> RulePlan:
    """The :class:`RulePlan` of ``doc`` in ``language`` under ``config``: ``rules`` (else the
    rules in force for its path) minus the English-only ones when it is not in English."""
    english = is_english(language)
    detected = config.language_for(doc.path) == AUTO
    if config.language != language:
        # Rules read the document's language (for word frequencies), never "auto".
        config = dataclasses.replace(config, language=language if english else ENGLISH)
    chosen = enabled_rules(config, doc.path) if rules is None else rules
    return RulePlan(
        CheckContext(config),
        detected,
        tuple(
            # None at once under the default settings
            (rule, fix_policy(rule, config))
            for rule in chosen
            if english or not rule.english_only
        ),
    )


def finish(doc: Document, findings: list[Finding]) -> list[Finding]:
    """``findings`` minus the suppressed ones, sorted by position (a stable sort: findings
    at one place keep their order)."""
    suppressed = suppressions(doc)
    if suppressed:
        findings = [f for f in findings if not _is_suppressed(doc, f, suppressed)]
    findings.sort(key=_POSITION)
    return findings


_POSITION: Final = operator.attrgetter("span.start", "span.end", "code")
"""A finding's sort key: (start, end, code), read in C (a check sorts every finding)."""


def _unprotected(
    doc: Document, rule: Rule, found: Iterable[Finding], starts: list[int], reach: int
) -> Iterable[Finding]:
    """The findings of ``found`` whose span and fix touch no protected text ``rule`` may not
    touch (``starts`` are the protected spans' starts, ``reach`` the longest one's length)."""
    if not starts:
        return found  # most texts protect nothing: no generator around every rule's findings
    return _outside_protected(doc, rule, found, starts, reach)


def _outside_protected(
    doc: Document, rule: Rule, found: Iterable[Finding], starts: list[int], reach: int
) -> Iterator[Finding]:
    for finding in found:
        low, high = finding.span.start, finding.span.end
        fix = finding.fix
        if fix is not None and fix.edits:  # sorted and disjoint: the ends bound them
            low, high = min(low, fix.edits[0].start), max(high, fix.edits[-1].end)
        # Only a protected span starting in [low - reach, high] can touch that range.
        first = bisect.bisect_left(starts, low - reach)
        if (first == len(starts) or starts[first] > high) or not _touches_protected(
            doc, rule, finding
        ):
            yield finding


def _touches_protected(doc: Document, rule: Rule, finding: Finding) -> bool:
    if doc.is_protected(finding.span, rule.may_touch):
        return True
    if finding.fix is None:
        return False
    return any(doc.is_protected(edit.span, rule.may_touch) for edit in finding.fix.edits)


def suppressions(doc: Document) -> dict[int, frozenset[str] | None]:
    """Line index -> suppressed selectors (``None``: every rule), from inline comments.

    ``<!-- repair: ignore[QUO001] -->`` silences QUO001 on its own line; a comment alone on
    its line also silences the next non-blank line.
    """
    result: dict[int, frozenset[str] | None] = {}
    if "repair:" not in doc.text:
        return result
    for match in _SUPPRESSION.finditer(doc.text):
        codes = match["codes"]
        selectors = (
            None if codes is None else frozenset(c.strip() for c in codes.split(",") if c.strip())
        )
        line = doc.line_index(match.start())
        targets = [line]
        if not doc.line_text(line).replace(match[0], "").strip():
            following = line + 1
            while following < len(doc.lines) and not doc.line_text(following).strip():
                following += 1
            targets.append(following)
        for target in targets:
            result[target] = _merge(result.get(target, frozenset()), selectors)
    return result


def _merge(existing: frozenset[str] | None, new: frozenset[str] | None) -> frozenset[str] | None:
    if existing is None or new is None:
        return None
    return existing | new


def _is_suppressed(
    doc: Document, finding: Finding, table: dict[int, frozenset[str] | None]
) -> bool:
    line = doc.line_index(finding.span.start)
    if line not in table:
        return False
    selectors = table[line]
    return selectors is None or any(finding.code.startswith(s) for s in selectors)
