"""What a rule is: a function from a document to hits, with its code, severity and metadata."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from repair.document import Document, Protected
from repair.findings import Finding, Hit, Severity, trusted_finding

if TYPE_CHECKING:
    from repair.config import Config
    from repair.entities import EntityIndex


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What a rule may read besides the document: the configuration in force."""

    config: Config

    @property
    def entities(self) -> EntityIndex | None:
        """The merged index of ``config.entities``, loaded once per process; ``None`` if none.

        Raises :class:`~repair.errors.EntityListError` when a list is malformed.
        """
        if not self.config.entities:
            return None
        from repair.entities import load_index  # rapidfuzz only when a list is configured

        return load_index(self.config.entities)


def matches(rule: Rule, selectors: Iterable[str], *, details: bool = True) -> bool:
    """True when any selector names the rule: ``ALL``, its code, a prefix of it, its name;
    with ``details``, also a check inside it (``LT:EN_A_VS_AN``: one of LanguageTool's
    rules, which selecting puts LT001 in force, and ignoring does not ignore LT001 whole)."""
    for selector in selectors:
        head, colon, _ = selector.partition(":")
        if colon:
            if details and rule.code.startswith(head):
                return True
        elif selector == "ALL" or rule.code.startswith(selector) or selector == rule.name:
            return True
    return False


def is_enabled(rule: Rule, config: Config, ignored: Iterable[str]) -> bool:
    """Whether ``rule`` is in force: selected (or on by default), or extended, and not ignored."""
    if config.select is None:
        selected = rule.default or (rule.enabled_by is not None and rule.enabled_by(config))
    else:
        selected = matches(rule, config.select)
    return (selected or matches(rule, config.extend_select)) and not matches(
        rule, ignored, details=False
    )


class RuleFunction(Protocol):
    __name__: str

    def __call__(self, doc: Document, ctx: CheckContext, /) -> Iterator[Hit]: ...


class FixAvailability(enum.Enum):
    NONE = "none"
    SOMETIMES = "sometimes"
    ALWAYS = "always"


class Scope(enum.Enum):
    """How much of the document a rule reads to judge a paragraph.

    ``PARAGRAPH``: the findings in a paragraph depend on that paragraph's text alone (and
    on the settings and the document's language), and every finding, with its fix, lies
    inside one paragraph; the fix loop then checks again only the paragraphs a pass changed
    (:mod:`repair.recheck`, held to it by tests/test_rule_scope.py); it may also read
    analyses of the whole text that it declares (``Rule.context``). ``DOCUMENT``: anything
    else (a page's layout, counts over the text, quotes that run on, repeated lines).
    """

    DOCUMENT = "document"
    PARAGRAPH = "paragraph"


T = TypeVar("T")

PARAGRAPH_FINDINGS = "repair.rules.base.paragraph_findings"
"""The :meth:`Document.shared` key of a table the fix loop's check hands the document:
rule code -> the stamped findings of that paragraph-local rule in the whole text, before
any filter, once it has them (:mod:`repair.recheck`; after a pass it assembles them from
the paragraphs it kept and those it checked again, so no analysis of the rule's own ran on
the whole text). A rule of another family may read there what one ran before it found."""


def hand_paragraph_findings(doc: Document, table: dict[str, list[Finding]]) -> None:
    """Give ``doc`` the fix loop's table of paragraph-local findings (:data:`PARAGRAPH_FINDINGS`),
    filled as its check goes."""
    doc.__dict__.setdefault("_shared", {})[PARAGRAPH_FINDINGS] = table


def paragraph_findings(doc: Document, code: str) -> list[Finding] | None:
    """The findings of the paragraph-local rule ``code`` in the whole of ``doc``, when the
    fix loop's check has them (:data:`PARAGRAPH_FINDINGS`); ``None`` otherwise."""
    table = doc.__dict__.get("_shared", {}).get(PARAGRAPH_FINDINGS)
    return None if table is None else table.get(code)


@dataclass(frozen=True, slots=True)
class WholeText(Generic[T]):
    """An analysis of the whole text that a paragraph-local rule reads besides its own
    paragraph (the hyphenated words written anywhere in the text, for PUN001).

    ``analysis(doc)`` computes it once per document (:meth:`Document.shared` under
    ``key``). The fix loop reuses the rule's findings in unchanged paragraphs only while the
    analysis gives the same value, and hands the whole text's value to the rule when it
    checks the changed paragraphs apart (:mod:`repair.recheck`).
    """

    key: str
    compute: Callable[[Document], T]

    def __call__(self, doc: Document) -> T:
        return doc.shared(self.key, self.compute)


DOC_HEADINGS = ("What it catches:", "Why:", "Bad:", "Good:", "Fix safety:")


@dataclass(frozen=True, slots=True)
class Rule:
    r"""A rule: its code, its kebab-case name and the function that checks for it.

    The code, ``severity`` and ``fix`` (whether its findings carry a fix) are declared here
    once: the function yields :class:`~repair.findings.Hit`\ s, and :meth:`stamp` makes each
    a :class:`~repair.findings.Finding` of this rule (tests/test_fix_availability.py holds
    every rule to its ``fix``).

    ``may_touch`` names the protected kinds of text the rule is about, and may therefore
    report or edit (the HTML-entity rule touches entities, for instance); findings that touch
    any other protected span are dropped by the engine.

    ``english_only`` rules know English (its quote marks, words, punctuation, labels): the
    engine runs them only on documents in English (see :mod:`repair.language`). A rule
    that holds in any language (an encoding defect) says ``english_only=False``.
    """

    code: str
    name: str
    check: RuleFunction
    fix: FixAvailability = FixAvailability.NONE
    severity: Severity = Severity.WARNING
    default: bool = True
    may_touch: frozenset[Protected] = field(default_factory=frozenset)
    english_only: bool = True
    enabled_by: Callable[[Config], bool] | None = None
    """A setting that puts a rule off by default in force, as a server URL does LT's."""
    scope: Scope = Scope.DOCUMENT
    """What the rule reads: the whole document unless it is declared paragraph-local."""
    context: tuple[WholeText[Any], ...] = ()
    """The analyses of the whole text a paragraph-local rule reads besides its paragraph."""

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def stamp(self, hit: Hit) -> Finding:
        """The finding ``hit`` makes: this rule's code and severity unless the hit names its
        own, a code which must then be of this rule's family."""
        code = self.code
        if hit.code is not None:
            if hit.code.rstrip("0123456789") != self.family:
                raise ValueError(f"{self.code} reported {hit.code}, a code of another family")
            code = hit.code
        severity = self.severity if hit.severity is None else hit.severity
        return trusted_finding(code, hit.message, hit.span, severity, hit.fix)

    @property
    def doc(self) -> str:
        return inspect.getdoc(self.check) or ""

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""

    def section(self, heading: str) -> str:
        """The indented text under one heading of the rule's docstring (``"Bad:"``...)."""
        lines = self.doc.splitlines()
        try:
            start = lines.index(heading) + 1
        except ValueError:
            return ""
        body: list[str] = []
        for line in lines[start:]:
            if line and not line.startswith(" "):
                break
            body.append(line[4:] if line.startswith("    ") else line.strip())
        return "\n".join(body).strip("\n")


__all__ = [
    "DOC_HEADINGS",
    "PARAGRAPH_FINDINGS",
    "CheckContext",
    "FixAvailability",
    "Rule",
    "RuleFunction",
    "Scope",
    "WholeText",
    "hand_paragraph_findings",
    "paragraph_findings",
]
