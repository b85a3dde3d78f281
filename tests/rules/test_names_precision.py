"""NAM on correct text: names close to listed ones stay as they are (issue 15)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repair import Applicability, Config, check_text, fix_text
from repair.harvest import harvest_texts, render_toml
from repair.lexicon import common_words
from tests.conftest import FIXTURES, require_eval

NAMES = FIXTURES / "names"
CLOSE = Config(entities=(str(NAMES / "close.toml"),))
CLOSE_NAMES = Config(select=("NAM",), entities=(str(NAMES / "close.toml"),))


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


@pytest.mark.parametrize("line", _lines(NAMES / "close.text"))
def test_a_name_close_to_a_listed_one_is_left_alone(line: str) -> None:
    assert check_text(line, config=CLOSE_NAMES) == []
    assert fix_text(line, config=CLOSE, unsafe=True).text == line


def test_the_close_lines_hold_the_traps() -> None:
    # The negatives above only mean something if the list's names are near them.
    text = (NAMES / "close.text").read_text(encoding="utf-8")
    for name in ("Chint", "Xiong'an", "Xingan", "Henan", "Jinli", "Zhiguang", "pH", "Mogi"):
        assert name in text


def test_the_same_damage_of_a_listed_name_is_fixed() -> None:
    # With the list's own spelling in the text, a letter lost is fixed where a pinyin pair
    # ("Xingan" for "Xiongan") is not.
    text = "Guangdong grew. Factories in Guangdng reopened."
    assert fix_text(text, config=CLOSE).text == "Guangdong grew. Factories in Guangdong reopened."


def test_mojibake_inside_a_name_is_left_to_the_encoding_rule() -> None:
    text = "Foreign Minister Toshimitsu Motegiâ€™s visit was short. Motegi left."
    assert check_text(text, config=CLOSE_NAMES) == []
    assert fix_text(text, config=CLOSE, unsafe=True).text == (
        "Foreign Minister Toshimitsu Motegi\N{RIGHT SINGLE QUOTATION MARK}s visit was short. "
        "Motegi left."
    )


def test_a_near_miss_right_after_the_first_name_is_a_suggestion_only(tmp_path: Path) -> None:
    listed = tmp_path / "l.toml"
    listed.write_text('[[entity]]\nname = "Recep Tayyip Erdogan"\ntype = "person"\n')
    config = Config(select=("NAM",), entities=(str(listed),))
    text = "Recep Tayyip Erdogam spoke."
    (finding,) = check_text(text, config=config)
    assert finding.fix is not None and finding.fix.applicability is Applicability.DISPLAY_ONLY
    assert check_text("President Erdogam spoke.", config=config) == []


def _human_references() -> list[str]:
    folder = require_eval("mqm-zhen")
    with (folder / "references.tsv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [row[column] for row in rows for column in ("Human-A", "Human-B")]
    documents = sorted([*folder.glob("docs/*.ref.txt"), *folder.glob("docs/*.Human-*.txt")])
    assert documents
    return texts + [path.read_text(encoding="utf-8") for path in documents]


def test_a_list_harvested_from_all_references_changes_no_name(tmp_path: Path) -> None:
    # Issue 15's measure (benchmarks/names_precision.py prints each change): every human
    # reference of mqm-zhen, fixed with --unsafe-fixes and a list harvested from them all.
    texts = _human_references()
    listed = tmp_path / "harvested.toml"
    listed.write_text(render_toml(harvest_texts(texts)), encoding="utf-8")
    config = Config(select=("NAM",), entities=(str(listed),))
    changed = [t for t in texts if fix_text(t, config=config, unsafe=True).text != t]
    assert changed == []


def _listed_words() -> list[str]:
    listed = (NAMES / "close.toml").read_text(encoding="utf-8")
    return sorted(set(re.findall(r'"([^"]+)"', listed)) - {"person", "place", "organization"})


@settings(derandomize=True, max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.sampled_from([*_listed_words(), *common_words()[:300]]), min_size=1, max_size=25
    ),
    marks=st.lists(st.sampled_from([" ", " ", " ", ", ", ". ", "'s ", " - "]), min_size=25),
)
def test_listed_names_among_words_are_never_changed(words: list[str], marks: list[str]) -> None:
    # Issue 15's property: text made of the list's own names, English words and punctuation
    # holds no damaged name, so the NAM rules leave it as it is.
    text = "".join(word + mark for word, mark in zip(words, marks, strict=False)).strip()
    assert fix_text(text, config=CLOSE_NAMES, unsafe=True).text == text


@pytest.mark.parametrize(
    ("text", "expected", "safety"),
    [
        # a pinyin name short of a letter, or cut, where no pinyin is left: broken, safe
        ("Factories in Guangdng reopened.", "Factories in Guangdong reopened.", "safe"),
        # a letter lost, with the name written right elsewhere in the text
        ("Motegi spoke. Later Motgi left.", "Motegi spoke. Later Motegi left.", "safe"),
        ("Guangdong grew. Guangdo froze.", "Guangdong grew. Guangdong froze.", "unsafe"),
        # two words of pinyin: only with the listed one in the text, and never safe
        (
            "Xiongan New Area grew. Xingan grew too.",
            "Xiongan New Area grew. Xiongan grew too.",
            "unsafe",
        ),
        # damage right after the first name, even when the text repeats it
        (
            "Toshimitsu Motgi came. Toshimitsu Motgi left.",
            "Toshimitsu Motegi came. Toshimitsu Motegi left.",
            "safe",
        ),
    ],
)
def test_evidence_decides_the_fix(text: str, expected: str, safety: str) -> None:
    found = [f for f in check_text(text, config=CLOSE_NAMES) if f.fix is not None]
    assert found and {f.fix.applicability.value for f in found if f.fix} == {safety}
    assert fix_text(text, config=CLOSE_NAMES, unsafe=True).text == expected


def test_a_name_written_with_a_hyphen_is_not_cut(tmp_path: Path) -> None:
    listed = tmp_path / "l.toml"
    listed.write_text('[[entity]]\nname = "Dnipro"\ntype = "place"\n', encoding="utf-8")
    config = Config(select=("NAM",), entities=(str(listed),))
    assert check_text("Dnipro held. Dnip-ro held too.", config=config) == []
    assert check_text("Dnipro held. Dnipr held too.", config=config) != []
