"""STR: paragraphs broken mid-sentence, hard-wrapped lines, repeated lines, cut-off ends."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from repair import Applicability, Config, check_text, fix_text
from tests.conftest import (
    CLEAN_ARTICLE,
    CORPUS,
    LIVE_BLOG,
    MARKDOWN_ARTICLE,
    REWRITE,
    corpus_text,
    require_eval,
)

STR = Config(select=("STR",))
LONG_LINE = (
    "NATO officials insist that any resolution must not come at the cost of the sovereignty "
    "of Ukraine, the official said."
)


def codes(text: str, path: str = "x.txt") -> list[str]:
    return [f.code for f in check_text(text, config=STR, path=path)]


def test_clean_article_gets_no_structure_finding() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert check_text(text, config=STR, path=str(CLEAN_ARTICLE)) == []
    assert fix_text(text, config=STR, path=str(CLEAN_ARTICLE), unsafe=True).text == text


@pytest.mark.parametrize("path", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_fix_is_idempotent_on_the_corpus(path: Path) -> None:
    text = corpus_text(path)
    config = Config(select=("STR", "WRD"))
    for unsafe in (False, True):
        once = fix_text(text, config=config, path=str(path), unsafe=unsafe).text
        assert fix_text(once, config=config, path=str(path), unsafe=unsafe).text == once


# STR001 ---------------------------------------------------------------------------------


def test_markdown_article_paragraph_broken_after_a_comma_is_joined_safely() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    (finding,) = check_text(text, config=STR, path=str(MARKDOWN_ARTICLE))
    assert finding.code == "STR001"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    fixed = fix_text(text, config=STR, path=str(MARKDOWN_ARTICLE)).text
    assert "criticism of U.S. aid to Ukraine, his repeated claims" in fixed
    assert len(fixed) == len(text) - 1  # "\n\n" became " ": no word added or lost


# Paragraphs of the human references of ../shared/eval/mqm-zhen (one segment each).
REF_1 = (
    "Rao Quan, Deputy Director of the Central Military-Civilian Integration Office, said that "
    "the event was held to implement the important instructions of the General Secretary."
)
REF_2 = (
    "In recent years, Jilin Province has built more than 100 demonstration kindergartens for "
    "garbage classification, and the education has gone into campus and classrooms."
)
REF_3 = (
    "The UN's International Atomic Energy Agency (IAEA) said Monday that Iran has once again "
    "violated the nuclear agreement by using the advanced centrifuges to produce enriched "
    "uranium, CNA reported."
)


def _split(paragraph: str, after: str, separator: str) -> str:
    """The paragraph broken in two after the words ``after``, as a scraper leaves it."""
    at = paragraph.index(after) + len(after)
    assert paragraph[at] == " "
    return paragraph[:at] + separator + paragraph[at + 1 :]


def _document(separator: str, *paragraphs: str) -> str:
    return separator.join(paragraphs) + "\n"


def _applicability(text: str) -> Applicability | None:
    found = [f for f in check_text(text, config=STR) if f.code == "STR001"]
    if not found:
        return None
    (finding,) = found
    assert finding.fix is not None
    return finding.fix.applicability


@pytest.mark.parametrize("separator", ["\n\n", "\n"])
@pytest.mark.parametrize(
    ("paragraph", "after"),
    [
        (REF_1, "said that the"),  # an open word: no sentence ends with "the"
        (REF_1, "was held to implement the important"),  # a word, the rest ends the sentence
        (REF_2, "built more than 100 demonstration"),  # a word, the rest ends the sentence
        (REF_3, "once again violated the nuclear agreement"),  # a line of names, not a title
    ],
)
def test_paragraph_broken_inside_a_sentence_is_joined_by_default(
    paragraph: str, after: str, separator: str
) -> None:
    before, after_it = (other for other in (REF_1, REF_2, REF_3) if other != paragraph)
    clean = _document(separator, before, paragraph, after_it)
    damaged = clean.replace(paragraph, _split(paragraph, after, separator))
    assert _applicability(damaged) is Applicability.SAFE
    assert fix_text(damaged, config=STR).text == clean


def test_open_word_then_a_capital_is_joined_by_default() -> None:
    clean = _document("\n", REF_2, REF_3, REF_1)
    damaged = clean.replace(REF_3, _split(REF_3, "Atomic Energy Agency (IAEA) said", "\n"))
    assert _applicability(damaged) is None  # "said" then "Monday": may be two paragraphs
    damaged = clean.replace(REF_1, _split(REF_1, "Director of the", "\n"))
    assert _applicability(damaged) is Applicability.SAFE  # "… of the / Central Military …"
    assert fix_text(damaged, config=STR).text == clean


@pytest.mark.parametrize(
    ("paragraph", "after"),
    [
        (  # reference segments of ../shared/eval/mqm-zhen, cut after an open word
            "The road length for trial operations will be 50 kilometers by the end of 2019, "
            "and is planned to be extended to 135 kilometers by the first half of 2020.",
            "extended to",
        ),
        (
            "In 2017, the Ministry of Finance transferred its 10% of the stock rights of ICBC "
            "and ABC to the social security fund.",
            "stock rights of",
        ),
        (
            "He said he did not consider reinstatement appropriate given the \u201cappalling\u201d "
            "treatment of Ms Ayton by Mr Wang.",
            "appropriate given the",
        ),
    ],
)
def test_open_word_then_a_number_short_form_or_quote_is_joined_by_default(
    paragraph: str, after: str
) -> None:
    clean = _document("\n\n", REF_2, paragraph, REF_3)
    damaged = clean.replace(paragraph, _split(paragraph, after, "\n\n"))
    assert _applicability(damaged) is Applicability.SAFE
    assert fix_text(damaged, config=STR).text == clean


def test_open_word_then_a_number_with_no_sentence_end_is_not_joined() -> None:
    text = _document("\n\n", REF_2, "Read more about the", "3 things to know before you go", REF_3)
    assert _applicability(text) is None


def test_comma_break_is_safe_between_paragraphs_unsafe_between_lines() -> None:
    # A translation kept one segment a line may end a segment with a comma.
    for separator, expected in (("\n\n", Applicability.SAFE), ("\n", Applicability.UNSAFE)):
        clean = _document(separator, REF_1, REF_2, REF_3)
        damaged = clean.replace(REF_2, _split(REF_2, "garbage classification,", separator))
        assert _applicability(damaged) is expected


def test_comma_before_an_attribution_is_never_joined() -> None:
    # Two consecutive segments of a human reference (mqm-zhen, Human-B): the translator cut
    # the sentence before its attribution. Clean text: reported, never changed.
    text = (
        "realize the effect of young children driving the family and the kindergarten driving"
        " the society and advocate the concept of environmental protection,\n"
        "said Liu Lijuan, the executive director of Hifaner International Kindergarten where the"
        " event was held.\n"
    )
    for separator in ("\n", "\n\n"):
        layout = text.replace(",\n", "," + separator)
        assert _applicability(layout) is Applicability.DISPLAY_ONLY
        assert fix_text(layout, config=STR, unsafe=True).text == layout


def test_paragraph_ending_in_a_word_needs_a_sentence_after_it() -> None:
    text = "Fox News reported that Witkoff met with Putin for three hours in\n\nMoscow on Tuesday."
    assert codes(text) == []  # next paragraph starts with a capital: could be a new one
    text = "Fox News reported that Witkoff met with Putin for three hours\n\nin Moscow on Tuesday."
    assert _applicability(text) is Applicability.SAFE
    # A headline in sentence case, then a label: the join is offered, not applied.
    text = "Trump signs order withdrawing U.S. from TPP deal\n\nreport this ad\n"
    assert _applicability(text) is Applicability.UNSAFE


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("NATO command\n\nthe alliance met on Thursday.", "x.txt"),  # a label, no end mark
        ("# Talks in Munich,\n\nthe alliance met on Thursday.", "x.md"),  # a heading
        ("- apples from the farms of the region,\n- pears from the south", "x.md"),  # a list
        ("1. apples from the farms of the region and\n\nthe south came first.", "x.txt"),
        ("\u2022 apples from the farms of the region and\n\nthe south came first.", "x.txt"),
        ("He met allies in Brussels, Munich and Paris,\n\niPhone sales rose.", "x.txt"),
        ("The talks went on for hours and ended late:\n\nthe deal was off.", "x.txt"),
        ("BEIJING, Dec. 2 (Xinhua) --\n\nthe talks ended on Monday.", "x.txt"),  # dateline
        ("WASHINGTON,\n\nthe talks ended on Monday.", "x.txt"),
        ("The museum showed the works of the Dutch painter\n\nvan Gogh's letters sold.", "x.txt"),
        (
            "Trump Says U.S. Will Not Send Troops to Ukraine as Part of Any Peace Deal\n\n"
            "with Russia, Officials Say.",
            "x.txt",
        ),  # a long headline in title case
    ],
)
def test_broken_paragraph_spares_titles_headings_lists_and_brands(text: str, path: str) -> None:
    assert "STR001" not in codes(text, path)


# STR002 ---------------------------------------------------------------------------------

WRAPPED = (
    f"{LONG_LINE}\n\n"
    "Moscow, meanwhile, is closely monitoring NATO's internal discussions and\n"
    "the new U.S. administration's stance and making statements seemingly\n"
    "aimed at driving a wedge between Kyiv and its key supporters.\n\n"
    "The senior NATO official interviewed by The Moscow Times rejected this claim, which the "
    "Kremlin did not comment on.\n"
)


def test_hard_wrapped_paragraph_in_a_text_of_line_paragraphs() -> None:
    # Every break falls after "and" or before a lowercase word: joined by default.
    (finding,) = check_text(WRAPPED, config=STR)
    assert finding.code == "STR002"
    assert finding.fix is not None and finding.fix.applicability is Applicability.SAFE
    fixed = fix_text(WRAPPED, config=STR).text
    assert "discussions and the new U.S. administration's stance and making" in fixed
    assert "seemingly aimed at driving" in fixed
    assert len(fixed) == len(WRAPPED)  # line breaks became spaces: nothing else changed


def test_hard_wrapped_run_with_a_break_before_a_capital_is_an_unsafe_join() -> None:
    # "... on Monday / Kremlin officials ...": two paragraphs may share the run.
    text = WRAPPED.replace(
        "stance and making statements seemingly\naimed at",
        "stance and its statements on Monday\nKremlin officials aimed at",
    )
    (finding,) = check_text(text, config=STR)
    assert finding.code == "STR002"
    assert finding.fix is not None and finding.fix.applicability is Applicability.UNSAFE
    assert fix_text(text, config=STR).text == text


def test_hard_wrapped_text_and_markdown_are_not_flagged() -> None:
    wrapped_text = WRAPPED.replace(LONG_LINE, "The talks went on.")
    assert "STR002" not in codes(wrapped_text + wrapped_text)
    assert "STR002" not in codes(WRAPPED, "x.md")


# STR003 ---------------------------------------------------------------------------------


def test_rewrite_doubled_headline() -> None:
    text = corpus_text(REWRITE)
    (finding,) = check_text(text, config=STR, path=str(REWRITE))
    assert finding.code == "STR003" and "Pivotal NATO Visit" in finding.message
    fixed = fix_text(text, config=STR, path=str(REWRITE), unsafe=True).text
    assert fixed.count("Pivotal NATO Visit") == 1
    assert fixed.startswith("World\n\nUS Defense Secretary's Pivotal NATO Visit Amid")
    assert fix_text(text, config=STR, path=str(REWRITE)).text == text


def test_repeated_line_rules() -> None:
    assert codes("Advertisement\n\nAdvertisement\n") == []  # too short to tell
    assert codes(f"{LONG_LINE}\nThe talks went on.\n{LONG_LINE}\n") == ["STR003"]
    assert codes("Read the full story\nThe talks went on.\nRead the full story\n") == []


# STR004 ---------------------------------------------------------------------------------


def test_live_blog_ends_mid_word() -> None:
    text = corpus_text(LIVE_BLOG)
    (finding,) = check_text(text, config=Config(select=("STR004",)), path=str(LIVE_BLOG))
    assert text[finding.start : finding.end] == "W" and finding.fix is None


@pytest.mark.parametrize(
    "text",
    [
        # ftfy's negative cases (its test set): not prose, whatever the language setting.
        "C O N C L U S \u00c3 O",
        "\u251c\u2524a\u253c\u2510a\u253c\u2510a\u253c\u2510a\u253c\u2510a",
    ],
)
def test_text_cut_off_needs_prose(text: str) -> None:
    assert "STR004" not in [
        f.code for f in check_text(text, config=Config(select=("STR",), language="en"))
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        (f"{LONG_LINE}\nthe Chinese side proposed a plan on the conclusion of", True),
        (f"{LONG_LINE}\nReuters contributed reporting to this story", False),
        (f"{LONG_LINE}\nUS Defense Secretary's Pivotal NATO Visit Amid Ukraine Conflict", False),
        (f"{LONG_LINE}\nThe talks ended, and the allies went home to their", True),
    ],
)
def test_text_cut_off_needs_an_open_ending(text: str, flagged: bool) -> None:
    assert ("STR004" in codes(text)) is flagged


# Precision ------------------------------------------------------------------------------


def test_structure_rules_are_silent_on_reference_documents() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    documents: dict[tuple[str, str], list[str]] = {}
    words = 0
    for row in rows:
        for column in ("Human-A", "Human-B"):
            documents.setdefault((row["doc"], column), []).append(row[column])
            words += len(row[column].split())
    findings = sum(
        len(check_text("\n".join(lines) + "\n", config=STR)) for lines in documents.values()
    )
    assert 1000 * findings / words < 0.1


def test_a_line_with_a_bar_is_no_line_of_a_wrapped_paragraph() -> None:
    # damage simulator, seed 1: a promo line ("Label | Title") above a paragraph split in
    # two was joined into it ("... is not over for any inquiries, call ...").
    text = (
        f"{LONG_LINE}\n"
        "Each guided tour will last for about 30 minutes, and those interested may register "
        "at the centre, free of charge.\n"
        "Recommended | Opinion: The rate cut debate is not over\n"
        "For any inquiries, call the food safety\n"
        "hotline at 2833 8181 during office hours.\n"
        "Younger migrant workers are unwilling to engage in industries that are difficult and "
        "require heavy labor.\n"
    )
    assert "STR002" not in codes(text)
    fixed = fix_text(text, config=STR, unsafe=True).text
    assert "Recommended | Opinion: The rate cut debate is not over\nFor any inquiries" in fixed
