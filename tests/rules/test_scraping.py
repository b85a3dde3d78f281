"""SCR rules on real lines of the sample corpus and of ../shared/eval, positives and traps."""

from __future__ import annotations

import csv

import pytest

from repair import Applicability, Config, check_text, fix_text
from tests.conftest import (
    CLEAN_ARTICLE,
    LIVE_BLOG,
    MARKDOWN_ARTICLE,
    MT_ARTICLE,
    REWRITE,
    corpus_text,
    mqm_records,
    require_eval,
)

SCR = Config(select=("SCR",))


def codes(text: str, path: str = "article.txt") -> list[str]:
    return [f.code for f in check_text(text, config=SCR, path=path)]


def fixed(text: str, path: str = "article.txt", unsafe: bool = True) -> str:
    return fix_text(text, config=SCR, path=path, unsafe=unsafe).text


# SCR001, SCR002: credits and captions ---------------------------------------------------

MT_CAPTION = (
    "A detailed view as members of Spanish and Bulgarian armed forces take part during NATO "
    "exercises, steadfast dart on February 13, 2025 at Tsranch, Bulgaria."
)
MT_BODY_BEFORE = (
    "\u201cThere is no betrayal there. There is a recognition that the whole world and the "
    "United States are invested and interested in peace, \u201csaid HegeSeth, adding that the "
    "conversations\u201d will require both sides that they do not want. \u201c"
)
MT_BODY_AFTER = (
    "European officials also criticized the gloomy position of Trump's administration in the "
    "future membership of NATO in Ukraine and the possibility of regaining the entire "
    "territory that has lost Russia since 2014."
)


def test_mt_article_credit_lines_and_captions_are_flagged() -> None:
    findings = check_text(corpus_text(MT_ARTICLE), config=SCR, path=str(MT_ARTICLE))
    messages = [f.message for f in findings if f.code == "SCR001"]
    assert messages == [
        'Photo credit "Yves Herman Reuters" in the body',
        'Photo credit "Hristo Rusev Getty Images News Getty images" in the body',
    ]
    assert [f.code for f in findings] == ["SCR002", "SCR001", "SCR002", "SCR001"]
    assert all(f.fix and f.fix.applicability is Applicability.UNSAFE for f in findings)


def test_credit_and_caption_lines_are_removed_whole() -> None:
    credit = "Hristo Rusev Getty Images News Getty images"
    text = "\n".join([MT_BODY_BEFORE, MT_CAPTION, credit, MT_BODY_AFTER]) + "\n"
    assert fixed(text) == f"{MT_BODY_BEFORE}\n{MT_BODY_AFTER}\n"
    assert fixed(text, unsafe=False) == text


def test_caption_without_credit_is_left_alone() -> None:
    assert codes(f"{MT_BODY_BEFORE}\n{MT_CAPTION}\n{MT_BODY_AFTER}\n") == []


def test_body_line_before_a_credit_is_not_a_caption() -> None:
    text = f"{MT_BODY_BEFORE}\nHristo Rusev Getty Images News Getty images\n{MT_BODY_AFTER}\n"
    assert codes(text) == ["SCR001"]


@pytest.mark.parametrize(
    "credit",
    [
        "Yves Herman Reuters",
        "Sean Gallup/Getty Images",
        "John Thys / AFP via Getty Images",
        "Evan Vucci / AP Photo",
        "Photo: Reuters",
        "(Photo: EPA-EFE)",
        "Mikhail Klimentyev / Sputnik / AFP",
        "*Handout / Reuters*",
        "Getty Images",
    ],
)
def test_credit_formats_alone_on_a_line(credit: str) -> None:
    assert codes(f"{MT_BODY_BEFORE}\n{credit}\n{MT_BODY_AFTER}\n") == ["SCR001"]


@pytest.mark.parametrize(
    "line",
    [
        # Agencies named in sentences (MT article, clean article, references)
        "\u201cEvery quick amendment is a dirty contract,\u201d said Kallas, in the comments "
        "reported by Reuters, adding that \u201cwe saw it earlier, he won't stop killing.\u201d",
        "Bloomberg reported Tuesday.",
        "Paris (Reuters) September 26 - French Finance Minister (Bruno Le Maire) said on "
        "Thursday that France will deduct over 10 billion euros next year.",
        "BEIJING, Sep 27th (Xinhua) -- The People's Bank of China conducted 30 billion Chinese "
        "yuan of reverse repo through interest rate bidding on September 27th.",
        "Hohhot accelerates the upgrading of the structure of dairy industry - Xinhuanet",
        # Bylines and names that are not credits
        "Reuters",
        "By Reuters",
        "Associated Press",
        "Bloomberg News",
        "Thomson Reuters",
        "Additional reporting by Reuters",
        "Trump Slams Bloomberg",
        "Kallas told Reuters",
        # A credit-like tail inside a sentence, with nothing to set it apart
        "NATO Secretary General Mark Rutte met Ukrainian President Volodymyr Zelensky. NATO flickr",
    ],
)
def test_agency_lines_that_are_not_credits(line: str) -> None:
    assert codes(f"{MT_BODY_BEFORE}\n{line}\n{MT_BODY_AFTER}\n") == []


@pytest.mark.xfail(strict=True, reason="a title-case headline ending in an agency reads as a name")
def test_headline_ending_in_an_agency_is_not_a_credit() -> None:
    assert codes(f"{MT_BODY_BEFORE}\nPutin Meets Reuters\n{MT_BODY_AFTER}\n") == []


def test_credit_inside_a_wrapped_sentence_is_not_flagged() -> None:
    text = "The picture of the summit was taken by\nYves Herman Reuters\nphotographer.\n"
    assert codes(text) == []


def test_bold_credit_after_caption_in_markdown() -> None:
    caption = "NATO Secretary General Mark Rutte and Ukrainian President Volodymyr Zelensky."
    text = f"February 12, 2025\n\n{caption} **NATO / flickr**\n\n{MT_BODY_AFTER}\n"
    findings = check_text(text, config=SCR, path="a.md")
    assert [(f.code, text[f.start : f.end]) for f in findings] == [
        ("SCR002", caption),
        ("SCR001", "**NATO / flickr**"),
    ]
    assert fixed(text, "a.md") == f"February 12, 2025\n\n{MT_BODY_AFTER}\n"
    only_credit = Config(select=("SCR001",))
    assert fix_text(text, config=only_credit, path="a.md", unsafe=True).text == (
        f"February 12, 2025\n\n{caption}\n\n{MT_BODY_AFTER}\n"
    )


# SCR003, SCR004, SCR005: promos, footers, placeholder links -----------------------------


def test_markdown_article_promos_footer_links_and_credit() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    found = check_text(text, config=SCR, path=str(MARKDOWN_ARTICLE))
    counts = {code: sum(f.code == code for f in found) for code in {f.code for f in found}}
    assert counts == {"SCR001": 1, "SCR002": 1, "SCR003": 2, "SCR004": 1, "SCR005": 9}


def test_markdown_article_fixes() -> None:
    text = corpus_text(MARKDOWN_ARTICLE)
    safe = fixed(text, str(MARKDOWN_ARTICLE), unsafe=False)
    assert "(#)" not in safe and "By Pyotr Kozlov\n" in safe
    assert "Bloomberg reported Tuesday." in safe
    assert safe.count("\n") == text.count("\n")  # safe fixes remove no line
    unsafe = fixed(text, str(MARKDOWN_ARTICLE))
    for gone in ("Related article", "Original url", "themoscowtimes.com", "flickr"):
        assert gone not in unsafe
    assert unsafe.count("\n\n\n") == text.count("\n\n\n")  # no new blank-line debris
    assert "the burden.\n\nKellogg plans" in unsafe  # the promo went with one blank line
    assert unsafe.endswith("we need to do now,\u201d the NATO official said.")
    assert fixed(unsafe, str(MARKDOWN_ARTICLE)) == unsafe


@pytest.mark.parametrize(
    "line",
    [
        "Related article: [Negotiations With Trump Are a Win-Win for the Kremlin](#)",
        "Read more: Negotiations With Trump Are a Win-Win for the Kremlin",
        "**See also:** [Negotiations With Trump](https://example.com/a)",
    ],
)
def test_promo_lines(line: str) -> None:
    text = f"{MT_BODY_BEFORE}\n\n{line}\n\n{MT_BODY_AFTER}\n"
    assert "SCR003" in codes(text, "a.md")
    assert fixed(text, "a.md") == f"{MT_BODY_BEFORE}\n\n{MT_BODY_AFTER}\n"


@pytest.mark.parametrize(
    "line",
    [
        "The related article: it said nothing new.",
        "Related to this, the ministers agreed on a plan.",
        "See also the statement of the ministers.",
    ],
)
def test_sentences_are_not_promos(line: str) -> None:
    assert codes(f"{MT_BODY_BEFORE}\n{line}\n") == []


def test_footer_with_url_on_the_same_line() -> None:
    text = f"{MT_BODY_AFTER}\nSource: https://www.example.com/story\n"
    assert codes(text) == ["SCR004"]
    assert fixed(text) == f"{MT_BODY_AFTER}\n"


@pytest.mark.parametrize(
    "line",
    [
        "Source: World Bank estimates for 2024, published in January.",
        "Source: NATO",
        "Original url: unknown, the page was taken down before the archive saw it last year",
    ],
)
def test_source_lines_that_are_not_footers(line: str) -> None:
    assert codes(f"{MT_BODY_AFTER}\n{line}\n") == []


@pytest.mark.parametrize(
    ("text", "expected", "safety"),
    [
        ("Bloomberg [reported](#) Tuesday.", "Bloomberg reported Tuesday.", Applicability.SAFE),
        ("By [Pyotr Kozlov](#)", "By Pyotr Kozlov", Applicability.SAFE),
        ("[- not a list](#) here", "- not a list here", Applicability.UNSAFE),
    ],
)
def test_placeholder_link_keeps_its_text(text: str, expected: str, safety: Applicability) -> None:
    (finding,) = check_text(text, config=SCR, path="a.md")
    assert finding.fix is not None and finding.fix.applicability is safety
    assert fixed(text, "a.md") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jump to [the timeline](#timeline) below.",
        "An image: ![chart](#) and more.",
        "Escaped \\[not a link](#) text.",
        "Real [link](https://example.com) here.",
    ],
)
def test_links_that_are_not_placeholders(text: str) -> None:
    assert codes(text, "a.md") == []


def test_placeholder_link_in_code_is_left_alone() -> None:
    assert codes("Write `[text](#)` for an empty link.\n", "a.md") == []


# SCR006: section labels ------------------------------------------------------------------


def test_rewrite_section_label_is_flagged_and_removed() -> None:
    text = corpus_text(REWRITE)
    assert codes(text, str(REWRITE)) == ["SCR006"]
    out = fixed(text, str(REWRITE))
    assert out == text.removeprefix("World\n\n")
    assert fixed(out, str(REWRITE)) == out


def test_subheadings_are_not_section_labels() -> None:
    lines = corpus_text(MT_ARTICLE).splitlines()
    assert "NATO command" in lines and "Europe has left Trump with the aforementioned" in lines
    assert "SCR006" not in codes(corpus_text(MT_ARTICLE), str(MT_ARTICLE))
    assert codes(f"{MT_BODY_BEFORE}\nWorld\n{MT_BODY_AFTER}\n") == []


def test_interface_label_anywhere() -> None:
    text = f"{MT_BODY_BEFORE}\n\nAdvertisement\n\n{MT_BODY_AFTER}\n"
    assert codes(text) == ["SCR006"]
    assert fixed(text) == f"{MT_BODY_BEFORE}\n\n{MT_BODY_AFTER}\n"


def test_a_text_that_is_only_a_label_is_not_flagged() -> None:
    assert codes("World\n") == []


# SCR007: teaser tails --------------------------------------------------------------------


def test_live_blog_teaser_block_is_flagged_and_removed() -> None:
    text = corpus_text(LIVE_BLOG)
    findings = check_text(text, config=SCR, path=str(LIVE_BLOG))
    assert [f.code for f in findings] == ["SCR007"]
    assert text[findings[0].start :].startswith("In her two decades")
    out = fixed(text, str(LIVE_BLOG))
    assert out.endswith("to keep Ukraine in the fight.")
    assert out.count("\n") == text.count("\n") - 4
    assert fixed(out, str(LIVE_BLOG)) == out


def test_one_cut_off_last_line_is_not_a_teaser_block() -> None:
    lines = corpus_text(LIVE_BLOG).splitlines()
    assert codes("\n".join(lines[:15])) == []


def test_reference_with_a_cut_quote_is_not_a_teaser_block() -> None:
    path = require_eval("mqm-zhen/docs/australian-zh.107.ref.txt")
    assert codes(path.read_text(encoding="utf-8"), str(path)) == []


# Whole corpus and eval -------------------------------------------------------------------


def test_clean_article_gets_no_finding_and_no_change() -> None:
    text = corpus_text(CLEAN_ARTICLE)
    assert codes(text, str(CLEAN_ARTICLE)) == []
    assert fixed(text, str(CLEAN_ARTICLE)) == text


@pytest.mark.parametrize("path", [MT_ARTICLE, MARKDOWN_ARTICLE, LIVE_BLOG, REWRITE], ids=str)
def test_unsafe_fixes_are_idempotent_on_the_corpus(path: object) -> None:
    text = corpus_text(path)  # type: ignore[arg-type]
    once = fixed(text, str(path))
    assert once != text
    assert fixed(once, str(path)) == once
    assert codes(once, str(path)) == [] or all(c == "SCR005" for c in codes(once, str(path)))


def test_references_are_silent() -> None:
    path = require_eval("mqm-zhen/references.tsv")
    with path.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    texts = [row[column] for row in rows for column in ("Human-A", "Human-B")]
    assert len(texts) == 970
    flagged = [text for text in texts if check_text(text, config=SCR)]
    assert flagged == []


def test_mt_outputs_are_silent() -> None:
    flagged = [r["target"] for r in mqm_records() if check_text(str(r["target"]), config=SCR)]
    assert flagged == []
