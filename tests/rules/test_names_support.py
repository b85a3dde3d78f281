"""NAM003 with the text's own evidence: a name cut or short of a letter, written in full
elsewhere in the same text (issue 14), on real lines of ../shared/eval/mqm-zhen."""

from __future__ import annotations

import pytest

from repair import Applicability, Config, check_text, fix_text
from repair.entities import fold
from repair.rules.names import evidence, suspects
from tests.conftest import FIXTURES

LIST = Config(entities=(str(FIXTURES / "names" / "support.toml"),))
NAMES = Config(select=("NAM",), entities=LIST.entities)

AYTON = (
    "Ms Ayton told the commission that Mr Wang, who took over the store in 2016, had been "
    "\u201ctrying to get rid of me\u201d because she was not Chinese.\n"
    "But Mr Sams said Mr Wang\u2019s reasons for sacking Ms {name} were weak and lacked "
    "evidence.\n"
)
KEQIAO = (
    "As the host of the World Textile Merchandising Conference, Keqiao boasts the world\u2019s "
    "largest textile market.\n"
    "Shen Zhijiang, Party Secretary of {name} District, said that Keqiao would avail itself "
    "of the textile merchandising conference.\n"
)


@pytest.mark.parametrize(
    ("template", "damaged", "name"),
    [
        (AYTON, "Ayt", "Ayton"),  # the ending cut: too short for the index's near search
        (AYTON, "Ayto", "Ayton"),  # a word wordfreq knows
        (KEQIAO, "Kqiao", "Keqiao"),  # a letter lost
    ],
)
def test_a_name_the_text_writes_in_full_is_restored_safely(
    template: str, damaged: str, name: str
) -> None:
    text = template.format(name=damaged)
    (finding,) = check_text(text, config=NAMES)
    assert finding.code == "NAM003"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    assert "written in full elsewhere" in finding.message
    assert fix_text(text, config=LIST).text == template.format(name=name)


def test_without_the_full_name_in_the_text_a_cut_name_is_left_alone() -> None:
    text = AYTON.format(name="Ayt").replace("Ms Ayton told", "She told")
    assert check_text(text, config=NAMES) == []


def test_a_token_the_text_repeats_is_a_name_of_its_own() -> None:
    text = AYTON.format(name="Ayto") + "Ms Ayto was not given any opportunity to respond.\n"
    safe = [f for f in check_text(text, config=NAMES) if f.fix and f.fix.is_applicable(False)]
    assert safe == []


@pytest.mark.parametrize(
    "line",
    [
        # One pinyin syllable is a surname of its own: "Zhan" is no cut "Zhang".
        "Zhejiang officials met Zhan Lin, and Zhejiang companies signed.",
        # A line cut off takes its last word's ending with it: a teaser, not a name.
        "Ms Ayton told the commission she was not Chinese.\nRead more: Ms Ayto",
    ],
)
def test_a_shortened_name_with_doubt_is_not_fixed_by_default(line: str) -> None:
    assert fix_text(line, config=LIST).text == line


def _two_swaps(word: str) -> set[str]:
    """The spellings one or two swaps of the table make of ``word``, swap after swap."""
    once = evidence._respelled_once(word)
    return set(once).union(*(evidence._respelled_once(w) for w in once))


@pytest.mark.parametrize(
    "spelling",
    ["Zavrenskyy", "Beijing", "Xinhua", "Dovriv", "Khelmiv", "Zhangjiakou", "Tschaikowski"],
)
def test_respelled_meets_halfway_as_two_swaps_in_a_row(spelling: str) -> None:
    """respelled() looks for a swap of the token and one of the spelling that meet: the
    same answer as two swaps made from the spelling, for every spelling two swaps make and
    for near spellings they do not."""
    made = _two_swaps(fold(spelling))
    tokens = [*sorted(made)[:40], spelling[:-1], spelling + "a", spelling[::-1]]
    for token in tokens:
        assert evidence.respelled(token, spelling) is (fold(token) in made), token


def test_report_thresholds_lie_between_the_bounds_the_quick_tests_use() -> None:
    reports = {suspects._thresholds(length)[0] for length in range(1, 60)}
    assert min(reports) == suspects._MIN_REPORT and max(reports) == suspects._MAX_REPORT
