"""Each rule keeps the fix availability its ``Rule`` declares (``repair rules`` shows it).

A rule declared ``NONE`` must yield no fix, one declared ``ALWAYS`` a fix on every hit;
``SOMETIMES`` may do either. Held on what the rules yield (before the checker's filters) on
the sample corpus, every fixture and each rule's Bad example.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest

from repair.config import Config
from repair.document import Document
from repair.findings import Hit
from repair.registry import ALL_RULES
from repair.rules.base import CheckContext, FixAvailability, Rule
from tests.conftest import CORPUS, FIXTURES
from tests.test_rule_docs import FILE_LEVEL, example

# Rules read the language a check resolved: English, as the corpus and fixtures are.
_ENGLISH = Config(select=("ALL",), language="en")
# LanguageTool answers only with a server; LT001 is declared SOMETIMES, which anything meets.
_OFFLINE = [rule for rule in ALL_RULES if rule.family != "LT"]


def _texts(root: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """The inputs under ``root``: not the golden outputs (``.fixed.``, ``.unsafe.``)."""
    for path in sorted(root.rglob("*")):
        golden = ".fixed." in path.name or ".unsafe." in path.name
        if path.is_file() and path.suffix in suffixes and not golden:
            yield path


@functools.cache
def _documents() -> tuple[tuple[Document, CheckContext], ...]:
    """The sample corpus with its entity list, and every fixture (a names fixture with the
    entity list of its name: ``world.text`` with ``world.toml``)."""
    found = []
    corpus_entities = CORPUS / "entities.toml"
    corpus = Config(select=("ALL",), language="en", entities=(str(corpus_entities),))
    for path in _texts(CORPUS, (".txt", ".md")):
        found.append((Document.from_text(path.read_text("utf-8"), path=str(path)), corpus))
    for path in _texts(FIXTURES, (".txt", ".md", ".text")):
        entities = path.with_suffix(".toml")
        config = (
            Config(select=("ALL",), language="en", entities=(str(entities),))
            if entities.exists()
            else _ENGLISH
        )
        found.append((Document.from_text(path.read_text("utf-8"), path=str(path)), config))
    return tuple((doc, CheckContext(config)) for doc, config in found)


def _bad_example(rule: Rule) -> tuple[Document, CheckContext]:
    """The rule's Bad example as the tests of rule docs read it (file-level rules: a file in
    cp1252, as the example describes)."""
    names = (str(FIXTURES / "names" / "docs.toml"),) if rule.family == "NAM" else ()
    context = CheckContext(Config(select=(rule.code,), language="en", entities=names))
    if rule.code in FILE_LEVEL:
        return Document("Sch\u00f6n\n", path="bad.txt", encoding="cp1252"), context
    return Document.from_text(example(rule, "Bad:") + "\n", path="bad.txt"), context


def _hits(rule: Rule) -> list[Hit]:
    inputs = [*_documents(), _bad_example(rule)]
    return [hit for doc, context in inputs for hit in rule.check(doc, context)]


def broken_promises(rule: Rule, hits: list[Hit]) -> list[str]:
    """The hits that break ``rule``'s declared fix availability, described."""
    if rule.fix is FixAvailability.NONE:
        wrong = [hit for hit in hits if hit.fix is not None]
    elif rule.fix is FixAvailability.ALWAYS:
        wrong = [hit for hit in hits if hit.fix is None]
    else:
        wrong = []
    return [f"{rule.code} declared {rule.fix.name}: {hit.message}" for hit in wrong]


@pytest.mark.parametrize("rule", _OFFLINE, ids=lambda r: r.code)
def test_rule_keeps_its_declared_fix_availability(rule: Rule) -> None:
    hits = _hits(rule)
    # Its Bad example at least raises it (tests/test_rule_docs.py), so this cannot pass empty.
    assert hits, f"{rule.code} found nothing to judge"
    assert broken_promises(rule, hits) == []


def test_a_broken_promise_is_caught() -> None:
    (never,) = [r for r in _OFFLINE if r.code == "QUO005"]
    (always,) = [r for r in _OFFLINE if r.code == "QUO002"]
    with_fix = next(h for h in _hits(always) if h.fix is not None)
    without = next(iter(_hits(never)))
    assert broken_promises(never, [with_fix]) and broken_promises(always, [without])
    assert not broken_promises(never, [without]) and not broken_promises(always, [with_fix])
