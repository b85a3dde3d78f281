"""scripts/new_rule.py prints a rule that passes the rule-doc tests as it stands."""

from __future__ import annotations

import doctest
import importlib.util
import types
from pathlib import Path

import pytest

from repair.checker import check_document
from repair.config import Config
from repair.document import Document
from repair.rules.base import DOC_HEADINGS, CheckContext, Rule
from tests.conftest import ROOT
from tests.test_fix_availability import broken_promises
from tests.test_rule_docs import example

SPACED_SLASH = (
    "PUN906",
    "spaced-slash",
    r"\b[A-Za-z]+ / [A-Za-z]+\b",
    "The north / south line reopened on Monday.",
    "The north/south line reopened on Monday.",
    "Slash set off by spaces between two words",
)


def _script() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("new_rule", ROOT / "scripts" / "new_rule.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rule_from(source: str, tmp_path: Path) -> Rule:
    path = tmp_path / "scaffolded.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("scaffolded", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (rule,) = module.RULES
    assert isinstance(rule, Rule)
    return rule


def _codes(rule: Rule, text: str) -> set[str]:
    found = set()
    for path in ("example.txt", "example.md"):
        doc = Document.from_text(text, path=path)
        found |= {f.code for f in check_document(doc, Config(), rules=[rule])}
    return found


def test_the_printed_rule_documents_itself_and_its_examples_behave(tmp_path: Path) -> None:
    source = _script().render_module(*SPACED_SLASH)
    rule = _rule_from(source, tmp_path)
    assert (rule.code, rule.name, rule.check.__name__) == ("PUN906", "spaced-slash", "spaced_slash")
    for heading in DOC_HEADINGS:
        assert rule.section(heading), heading
    assert rule.code in _codes(rule, example(rule, "Bad:"))
    assert rule.code not in _codes(rule, example(rule, "Good:"))
    (finding,) = check_document(
        Document.from_text("Trains run north / south."), Config(), rules=[rule]
    )
    assert finding.message == 'Slash set off by spaces between two words in "north / south"'
    # Declared once: the function names neither code nor severity, the checker stamps both.
    assert source.count('"PUN906"') == 1 and "Severity" not in source
    assert (finding.code, finding.severity, finding.fix) == ("PUN906", rule.severity, None)
    hits = list(rule.check(Document.from_text(example(rule, "Bad:")), CheckContext(Config())))
    assert hits and broken_promises(rule, hits) == []


def test_the_pieces_are_the_module_without_its_frame() -> None:
    script = _script()
    pieces = script.render(*SPACED_SLASH)
    assert 'Rule("PUN906", "spaced-slash", spaced_slash, FixAvailability.NONE)' in pieces
    assert pieces.split("\n\n# In the module's")[0] in script.render_module(*SPACED_SLASH)


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (("PUN002", "spaced-slash", r" / ", "a / b", "a/b"), "PUN002 is in use"),
        (("PUN906", "spaced-hyphen", r" / ", "a / b", "a/b"), "spaced-hyphen is in use"),
        (("PUN9", "spaced-slash", r" / ", "a / b", "a/b"), "three digits"),
        (("PUN906", "Spaced_Slash", r" / ", "a / b", "a/b"), "kebab-case"),
        (("PUN906", "spaced-slash", r" / ", "a/b", "a/b"), "does not match the Bad"),
        (("PUN906", "spaced-slash", r"/", "a / b", "a/b"), "matches the Good"),
        (("PUN906", "spaced-slash", r"(", "a / b", "a/b"), "does not compile"),
    ],
)
def test_a_rule_that_cannot_be_made_is_refused(arguments: tuple[str, ...], problem: str) -> None:
    assert any(problem in line for line in _script().problems(*arguments))


def test_the_scripts_doctests_pass() -> None:
    result = doctest.testmod(_script())
    assert result.attempted and not result.failed
