"""The damage simulator (benchmarks/damage.py): its log must be exact, or no figure it prints is.

The damaged documents are built from the mqm-zhen references; each test uses a few documents
so that the file runs in a second or two.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import damage
from benchmarks.damage_inject import (
    KINDS,
    Artefact,
    CleanDocument,
    DamagedDocument,
    restore,
    simulate,
)
from repair.api import check_text, fix_text
from repair.config import Config
from repair.findings import Applicability, Edit, Finding, Fix
from repair.fixer import FixResult
from repair.score.quality import count_words, quality_score
from tests.conftest import require_eval

DOCS = 20


@pytest.fixture(scope="module")
def clean_documents() -> list[CleanDocument]:
    require_eval("mqm-zhen/references.tsv")
    return damage.mqm_documents()[:DOCS]


@pytest.fixture(scope="module")
def name_words(
    clean_documents: list[CleanDocument], tmp_path_factory: pytest.TempPathFactory
) -> frozenset[str]:
    folder = tmp_path_factory.mktemp("entities")
    return damage.name_words(damage.entity_file(clean_documents, None, folder))


@pytest.fixture(scope="module")
def damaged(
    clean_documents: list[CleanDocument], name_words: frozenset[str]
) -> list[DamagedDocument]:
    return list(simulate(clean_documents, seed=14, names=name_words))


def test_the_same_seed_gives_the_same_damage(
    clean_documents: list[CleanDocument], name_words: frozenset[str], damaged: list[DamagedDocument]
) -> None:
    again = list(simulate(clean_documents, seed=14, names=name_words))
    other = list(simulate(clean_documents, seed=15, names=name_words))
    assert again == damaged
    assert [d.damaged for d in other] != [d.damaged for d in damaged]


def test_every_logged_span_holds_its_damage_and_the_originals_give_the_clean_text(
    damaged: list[DamagedDocument],
) -> None:
    for doc in damaged:
        for artefact in doc.artefacts:
            assert doc.damaged[artefact.start : artefact.end] == artefact.damaged
            assert doc.clean[artefact.clean_start : artefact.clean_end] == artefact.original
            assert artefact.original != artefact.damaged
        assert restore(doc.damaged, doc.artefacts) == doc.clean


def test_controls_are_left_clean_and_the_others_are_damaged(
    damaged: list[DamagedDocument],
) -> None:
    controls = [doc for doc in damaged if doc.control]
    assert 0 < len(controls) < len(damaged)
    assert all(doc.damaged == doc.clean and not doc.artefacts for doc in controls)
    assert all(doc.artefacts for doc in damaged if not doc.control)


def test_every_kind_is_injected_in_more_than_one_form(damaged: list[DamagedDocument]) -> None:
    forms: dict[str, set[str]] = {}
    for doc in damaged:
        for artefact in doc.artefacts:
            forms.setdefault(artefact.kind, set()).add(artefact.form)
    assert set(forms) == set(KINDS)
    assert all(len(found) >= 2 for kind, found in forms.items() if kind != "teaser")


def test_only_the_kinds_asked_for_are_injected(
    clean_documents: list[CleanDocument], name_words: frozenset[str]
) -> None:
    docs = simulate(clean_documents, seed=3, kinds=("glued", "credit"), names=name_words)
    kinds = Counter(a.kind for doc in docs for a in doc.artefacts)
    assert set(kinds) == {"glued", "credit"}


def test_no_artefact_counts_as_restored_in_the_damaged_text(
    damaged: list[DamagedDocument],
) -> None:
    for doc in damaged:
        assert not any(damage.restored_artefacts(doc.clean, doc.damaged, doc.artefacts))
        assert all(damage.restored_artefacts(doc.clean, doc.clean, doc.artefacts))


def test_applied_edits_are_located_in_the_damaged_text() -> None:
    text = "They met for a two -day truce.\n\nAT&amp;T said so.\n"
    located = [edit[:4] for edit in damage.applied_edits(fix_text(text))]
    assert ("PUN001", 18, 19, "") in located
    assert ("ENC005", 34, 39, "&") in located


def test_edits_of_later_passes_are_shifted_back_through_the_earlier_ones() -> None:
    def fixing(code: str, edit: Edit) -> Finding:
        return Finding(code, "", edit.span, fix=Fix((edit,), Applicability.SAFE))

    first, second = Edit(3, 4, ""), Edit(10, 12, "xyz")  # "two -day" joined, then later
    inside = Edit(2, 4, "W")  # an edit of the second pass over the first one's join
    result = FixResult(
        text="",
        original="",
        applied=(fixing("A", first), fixing("B", second), fixing("C", inside)),
        remaining=(),
        passes=((first,), (inside, second)),
    )
    assert sorted(edit[:4] for edit in damage.applied_edits(result)) == [
        ("A", 3, 4, ""),
        ("B", 11, 13, "xyz"),
        ("C", 2, 5, "W"),
    ]


def test_a_fix_is_judged_by_what_it_does_to_the_artefact_it_touches() -> None:
    clean = "Talks ended. The ministers left.\n"
    doc = DamagedDocument(
        "glued",
        clean,
        "Talks endedThe ministers left.\n",
        (Artefact("glued", "end-dropped", 11, 13, 11, 11, ". ", ""),),
        control=False,
        level=1.0,
    )

    def verdict(*edits: Edit) -> str:
        applied = [damage.AppliedEdit("X", e.start, e.end, e.replacement, 0, 0, e) for e in edits]
        return damage._verdict(doc, 0, False, doc.damaged, applied)

    assert verdict(Edit(11, 11, ". ")) == "right"
    assert verdict(Edit(11, 11, " ")) == "partial"
    assert verdict(Edit(11, 12, " t")) == "wrong"


def test_the_report_counts_what_it_injected(tmp_path: Path) -> None:
    require_eval("mqm-zhen/references.tsv")
    out = tmp_path / "figures.json"
    assert damage.main(["--docs", "6", "--json", str(out), "--dump", str(tmp_path / "d")]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    log = [json.loads(line) for line in (tmp_path / "d" / "log.jsonl").read_text().splitlines()]
    assert figures["documents"] == len(log) == 6
    assert sum(figures["injected"].values()) == sum(len(r["artefacts"]) for r in log)
    assert set(figures["runs"]) == {
        "repair fix",
        "repair fix --unsafe-fixes",
        "ftfy.fix_text alone",
    }
    assert all(run["distance_before"] > 0 for run in figures["runs"].values())


FIRST_DAMAGED = (
    "australian-zh.104.Human-B",
    "australian-zh.107.Human-A",
    "australian-zh.107.Human-B",
    "chinanews.com.102543.Human-A",
    "chinanews.com.102554.Human-A",
    "chinanews.com.102554.Human-B",
    "chinanews.com.102560.Human-A",
    "chinanews.com.102560.Human-B",
)


@pytest.fixture(scope="module")
def default_set(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, DamagedDocument], Config]:
    """The simulator's default set (all references, their harvested entity list, seed 14)."""
    require_eval("mqm-zhen/references.tsv")
    every_document = damage.mqm_documents()
    entities = damage.entity_file(every_document, None, tmp_path_factory.mktemp("default"))
    config = Config(languagetool="off", entities=(str(entities),))
    docs = damage.damaged_set(every_document, 14, damage.name_words(entities))
    return {doc.name: doc for doc in docs}, config


def test_the_ordering_test_takes_the_first_damaged_documents(
    default_set: tuple[dict[str, DamagedDocument], Config],
) -> None:
    docs, _ = default_set
    damaged = [name for name, doc in docs.items() if not doc.control]
    assert len(FIRST_DAMAGED) == 8
    assert list(FIRST_DAMAGED) == damaged[:8]


@pytest.mark.parametrize("name", FIRST_DAMAGED)
def test_quality_score_puts_the_repair_between_the_damage_and_the_clean_text(
    name: str, default_set: tuple[dict[str, DamagedDocument], Config]
) -> None:
    """The score tracks damage (issue 14): a damaged document scores below its clean
    original, and ``repair fix`` of it scores between the two."""
    docs, config = default_set
    doc = docs[name]

    def score(text: str) -> float:
        findings = check_text(text, config=config, path="document.txt")
        return quality_score(findings, count_words(text)).score

    fixed = fix_text(doc.damaged, config=config, path="document.txt").text
    clean, broken, repaired = score(doc.clean), score(doc.damaged), score(fixed)
    assert broken < clean
    assert broken <= repaired <= clean


def test_a_folder_of_clean_files_gives_one_document_per_file(tmp_path: Path) -> None:
    (tmp_path / "blocks.txt").write_text("First para\ngoes on.\n\nSecond one.\n", "utf-8")
    (tmp_path / "lines.md").write_text("One line.\nAnother line.\n", "utf-8")
    (tmp_path / "empty.txt").write_text("\n", "utf-8")
    docs = damage.folder_documents(tmp_path)
    assert [(d.name, d.paragraphs, d.separator) for d in docs] == [
        ("blocks.txt", ("First para\ngoes on.", "Second one."), "\n\n"),
        ("lines.md", ("One line.", "Another line."), "\n"),
    ]
