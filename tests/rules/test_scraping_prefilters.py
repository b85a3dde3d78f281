"""The shortcuts the SCR and STR rules take for speed give what the plain definitions give.

Each test compares a fast path with the slower code it stands for, on generated text made of
the pieces where the two could part: letters of both cases, digits, apostrophes, hyphens,
curly quotes, dashes, non-ASCII letters and Markdown marks.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from repair.rules.scraping import chrome, credit_text
from repair.rules.structure import broken
from repair.rules.structure._common import ends_in_open_word

_PIECES = st.sampled_from(
    [
        "The",
        "talks",
        "U.S.",
        "NATO",
        "a",
        "I",
        "2nd",
        "3-1",
        "_x",
        "-Paris",
        "it's",
        "it\u2019s",
        "\u2019Tis",
        "Zo\u00eb",
        "\u00c9mile",
        "\u00e9t\u00e9",
        "\u00bd",
        "\u0130",
        " ",
        "  ",
        "\t",
        "\u00a0",
        ", ",
        ".",
        "-",
        "'",
        "_",
        "9",
        "\u201c",
        "\u2018",
        "\u2026",
        "\u201d",
        "\u2014",
        "\u2013",
        "(",
        "*",
        "[",
        "](",
        "#",
    ]
)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(text=st.lists(_PIECES, max_size=30).map("".join))
def test_word_counts_are_those_of_the_word_pattern(text: str) -> None:
    words = chrome._WORD.findall(text)
    assert chrome.count_words(text) == (len(words), sum(1 for w in words if w[0].isupper()))


def test_word_counts_fall_back_to_the_pattern_beyond_ascii() -> None:
    """ "Zoë" is one word to ``_WORD``: a count over ASCII only would make it two."""
    assert chrome.count_words("Zo\u00eb and \u00c9mile met.") == (4, 2)


_CREDIT_PIECES = st.sampled_from(
    [
        "Reuters",
        "AFP",
        "EPA",
        "Getty Images",
        "Jan Novak",
        "Omar Marov",
        "Lakeside Pictures",
        "Photo",
        "Photo by",
        "Credit:",
        "via",
        " ",
        "\t",
        "/",
        "|",
        ", ",
        ". ",
        "-",
        "\u00a9",
        "(",
        ")",
        "*",
    ]
)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(line=st.lists(_CREDIT_PIECES, max_size=12).map("".join))
def test_only_a_line_with_a_bar_holds_an_agency_first_or_organisation_credit(line: str) -> None:
    """``_led_credit_lines`` tries those two patterns only on lines with "/" or "|"."""
    loose = credit_text._loose_patterns()
    if loose.agency_first.search(line) or loose.organisation.search(line):
        assert "/" in line or "|" in line, line


_END_PIECES = st.sampled_from(
    ["the", "of", "With", "met", " ", "\t", "\n", ".", ",", "\u00e9", "9", "-", "\u201d"]
)


@settings(derandomize=True, max_examples=600, deadline=None)
@given(paragraph=st.lists(_END_PIECES, max_size=8).map("".join))
def test_a_paragraph_that_ends_in_an_open_word_passes_the_last_character_test(
    paragraph: str,
) -> None:
    """STR001 looks for an open word only after a paragraph whose last character may end one."""
    if ends_in_open_word(paragraph):
        assert paragraph[-1:] in broken._MAY_END_OPEN, paragraph
