"""The NAM rules take the entity index once per document (``document_index``): what each
rule finds with it is what it finds reading ``ctx.entities`` at every use, as it did."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from repair import Config, check_text
from repair.document import Document
from repair.entities import loading
from repair.rules.base import CheckContext
from repair.rules.names import _common
from tests.conftest import FIXTURES

WORLD = FIXTURES / "names" / "world"
NAM = ("NAM",)


def test_the_nam_rules_read_the_lists_once_a_document(monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(select=NAM, language="en", entities=(str(WORLD.with_suffix(".toml")),))
    text = WORLD.with_suffix(".text").read_text(encoding="utf-8")
    reference = check_text(text, config=config, path="t.txt")
    calls = []
    load = loading.load_index

    def counted(paths: tuple[str, ...], cache: Path | None = None) -> object:
        calls.append(paths)
        return load(paths, cache)

    monkeypatch.setattr(loading, "load_index", counted)
    monkeypatch.setattr("repair.entities.load_index", counted)
    found = check_text(text, config=config, path="t.txt")
    assert [f.code for f in reference].count("NAM003") >= 2  # a rule with several mentions
    assert found == reference and len(calls) == 1


def test_each_rule_finds_with_the_kept_index_what_it_finds_with_ctx_entities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reference: ``document_index`` bypassed, every use asks ``ctx.entities``."""
    from repair.registry import ALL_RULES

    config = Config(select=NAM, language="en", entities=(str(WORLD.with_suffix(".toml")),))
    text = WORLD.with_suffix(".text").read_text(encoding="utf-8")
    rules = [r for r in ALL_RULES if r.family == "NAM"]
    kept = {r.code: list(r.check(Document.from_text(text), CheckContext(config))) for r in rules}
    monkeypatch.setattr(_common, "document_index", lambda doc, ctx: ctx.entities)
    for module in ("misspelled", "consistency"):
        monkeypatch.setattr(f"repair.rules.names.{module}.document_index", _common.document_index)
    fresh = {r.code: list(r.check(Document.from_text(text), CheckContext(config))) for r in rules}
    assert sum(map(len, kept.values())) > 5 and kept == fresh


def test_a_list_edited_between_two_documents_is_read_at_the_second(tmp_path: Path) -> None:
    listed = tmp_path / "entities.toml"
    shutil.copy(WORLD.with_suffix(".toml"), listed)
    config = Config(select=NAM, entities=(str(listed),))
    text = WORLD.with_suffix(".text").read_text(encoding="utf-8")
    assert check_text(text, config=config, path="t.txt")
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    assert check_text(text, config=config, path="t.txt") == []


def test_a_document_checked_again_after_an_edit_reads_the_edited_list(tmp_path: Path) -> None:
    """The same Document object checked twice (a library user's, a notebook's), the list
    edited in between: the second check reads the edited list, as ``ctx.entities`` did."""
    from repair.engine import check

    listed = tmp_path / "entities.toml"
    shutil.copy(WORLD.with_suffix(".toml"), listed)
    config = Config(select=NAM, language="en", entities=(str(listed),))
    doc = Document.from_text(WORLD.with_suffix(".text").read_text(encoding="utf-8"))
    assert check(doc, config)
    listed.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    assert check(doc, config) == []


def test_a_document_checked_under_other_lists_reads_them(tmp_path: Path) -> None:
    from repair.engine import check

    other = tmp_path / "other.toml"
    other.write_text('[[entity]]\nname = "Oslo"\ntype = "place"\n', encoding="utf-8")
    doc = Document.from_text(WORLD.with_suffix(".text").read_text(encoding="utf-8"))
    world = Config(select=NAM, language="en", entities=(str(WORLD.with_suffix(".toml")),))
    assert check(doc, world)
    assert check(doc, Config(select=NAM, language="en", entities=(str(other),))) == []
    assert check(doc, world) == check(Document.from_text(doc.text), world)
