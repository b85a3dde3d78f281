"""The rules and settings a fix run's checks keep per language and path
(``findings_by_rule``'s ``plans``, which :class:`repair.recheck.Rechecker` keeps across the
passes of one run) give what working them out afresh at each check gives. Compared on
texts in English and in German, real texts, and settings that change fixes or ignore rules
for one path."""

from __future__ import annotations

import dataclasses

from repair import Config
from repair.checker import RulePlan, _touches_protected, enabled_rules, findings_by_rule
from repair.document import Document
from repair.findings import Finding
from repair.fix_settings import fix_policy
from repair.language import AUTO, ENGLISH, document_language, in_other_language, is_english
from repair.recheck import Rechecker
from repair.rules.base import CheckContext, Rule
from tests.conftest import real_text_paths


def _reference(doc: Document, config: Config) -> list[tuple[Rule, list[Finding]]]:
    """``findings_by_rule`` written the plain way: everything worked out at each check."""
    language = document_language(doc, config)
    english = is_english(language)
    detected = config.language_for(doc.path) == AUTO
    if config.language != language:
        config = dataclasses.replace(config, language=language if english else ENGLISH)
    context = CheckContext(config)
    result = []
    for rule in enabled_rules(config, doc.path):
        if rule.english_only and not english:
            continue
        found = [rule.stamp(hit) for hit in rule.check(doc, context)]
        if rule.english_only and detected:
            found = [f for f in found if not in_other_language(doc, f.span.start)]
        found = [f for f in found if not _touches_protected(doc, rule, f)]
        policy = fix_policy(rule, config)
        result.append((rule, found if policy is None else [policy.apply(f) for f in found]))
    return result


_GERMAN = (
    "Die Regierung will die Ausgaben für die Verteidigung im kommenden Jahr deutlich "
    "erhöhen, sagte der Minister am Dienstag in Berlin vor den Abgeordneten.\n"
)
_ENGLISH = "The minister said on Tuesday that the talks would resume -- and they did.\n"


def test_the_plans_kept_across_a_runs_checks_are_those_worked_out_afresh() -> None:
    """One table of plans serves documents in English and in German, under the default
    settings and under settings that change fixes: each check finds what a check with
    no table finds (a table keyed without the language would run English rules on
    German text, or none on English)."""
    settings_tried = (
        Config(),
        Config(unfixable=("PUN",), extend_unsafe_fixes=("QUO",)),
        Config(unfixable=("ALL",)),
        Config(extend_unsafe_fixes=("ALL",)),
        Config(ignore=("WRD",)),
    )
    texts = [_ENGLISH * 3, _GERMAN * 3, _ENGLISH * 2 + "A  doubled  space.\n", _GERMAN]
    texts += [p.read_text(encoding="utf-8") for p in real_text_paths()[::25]]
    for config in settings_tried:
        plans: dict[tuple[str, str | None], RulePlan] = {}
        for path in ("a.txt", "b.txt"):
            for text in texts:
                doc = Document.from_text(text, path=path)
                kept = findings_by_rule(doc, config, plans=plans)
                fresh = findings_by_rule(Document.from_text(text, path=path), config)
                assert kept == fresh == _reference(Document.from_text(text, path=path), config)
        assert {language for language, _ in plans} >= {"en", "de"}


def test_a_run_under_settings_for_a_path_keeps_them() -> None:
    config = Config(per_file_ignores=(("b.txt", ("PUN",)),))
    plans: dict[tuple[str, str | None], RulePlan] = {}
    text = "Spaced  words , and a comma -- here.\n" * 3
    found = {}
    for path in ("a.txt", "b.txt", "a.txt"):
        doc = Document.from_text(text, path=path)
        found[path] = findings_by_rule(doc, config, plans=plans)
        assert found[path] == findings_by_rule(Document.from_text(text, path=path), config)
    codes = {path: {rule.code[:3] for rule, hits in kept if hits} for path, kept in found.items()}
    assert "PUN" in codes["a.txt"] and "PUN" not in codes["b.txt"]


def test_a_fix_run_keeps_one_plan_and_gives_what_full_checks_give() -> None:
    """A fix run of a real text with many passes: the run's checks work the plan out once,
    and the run ends as one whose every check works it out again."""
    from repair import fixer

    text = next(p for p in real_text_paths() if p.suffix == ".txt").read_text(encoding="utf-8")
    damaged = text.replace(" the ", " the  ").replace(", ", " , ")
    recheck = Rechecker(Config())
    kept = fixer.fix_document(Document.from_text(damaged, path="t.txt"), recheck)
    assert len(kept.passes) >= 1 and len(recheck._plans) == 1

    def afresh(doc: Document, since: fixer.Revision | None = None, /) -> list[object]:
        return Rechecker(Config())(doc)  # type: ignore[return-value]

    again = fixer.fix_document(Document.from_text(damaged, path="t.txt"), afresh)  # type: ignore[arg-type]
    assert (kept.text, kept.applied, kept.remaining) == (again.text, again.applied, again.remaining)
