"""What text is a photo credit (SCR001, SCR002): a photographer's or an organisation's
name beside an agency, a photo service or a picture desk, or after a credit label."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from repair import data
from repair.lexicon import zipf
from repair.rules.scraping._common import (
    _alternation,
    _credit_patterns,
    _CreditPatterns,
    _unwrap,
)

_MAX_CREDIT_WORDS: Final = 12
_COMMON_WORD_ZIPF: Final = 5.5
"""A title-case token this common ("World", "News", "Says") is no photographer's name."""
_HEADLINE_WORD_ZIPF: Final = 4.5
"""Stricter, when nothing but spaces sets a name apart from a wire agency ("Trump Slams")."""
_SEPARATOR: Final = re.compile(r"[/|]|\bvia\b|[ \t][-\u2013\u2014][ \t]|,")


def _is_name(words: list[str], patterns: _CreditPatterns, common: float) -> bool:
    """True when ``words`` can be a photographer's or an organisation's name.

    A title-case word whose Zipf frequency reaches ``common`` is taken for a headline word.

    >>> p = _credit_patterns()
    >>> _is_name(["Yves", "Herman"], p, 4.5), _is_name(["Trump", "Tells"], p, 5.5)
    (True, False)
    >>> _is_name(["NATO"], p, 4.5), _is_name(["Trump", "Slams"], p, 4.5)
    (True, False)
    """
    for word in words:
        if word in patterns.particles:
            continue
        if not word[0].isupper() or word in patterns.not_names:
            return False
        if not word.isupper() and zipf(word.lower()) >= common:
            return False
    return bool(words) and words[0] not in patterns.particles


def _match_credit(text: str, *, attached: bool) -> bool:
    """True when ``text`` is a photo credit and nothing else.

    A wire agency alone may be a byline, so it takes a name, a prefix, a photo service or a
    second credit word to make a credit. When a name and the agency are all there is
    ("Jane Doyle Reuters"), the name must not hold a common word, as a headline would
    ("Trump Slams Bloomberg"). A credit ``attached`` to the end of a caption also needs
    emphasis, parentheses or a separator to set it apart from the sentence.

    >>> _match_credit("Jane Doyle Reuters", attached=False)
    True
    >>> _match_credit("Reuters", attached=False), _match_credit("said Reuters", attached=False)
    (False, False)
    """
    return _credit_strength(text, attached=attached) is not None


def _credit_strength(text: str, *, attached: bool) -> bool | None:
    """None when ``text`` is no credit; else whether it is set apart as only credits are
    (:attr:`_Credit.strong`). See :func:`_match_credit`.

    >>> _credit_strength("Jane Doyle Reuters", attached=False)
    False
    >>> _credit_strength("Sean Gallup/Getty Images", attached=False)
    True
    """
    inner, wrapped = _unwrap(text)
    if len(inner.split()) > _MAX_CREDIT_WORDS:
        return None
    patterns = _credit_patterns()
    match = patterns.credit.fullmatch(inner)
    if match is None:  # the loose forms carry a label or a separator: set apart anyway
        if _loose_credit(inner, patterns, attached=attached):
            return True
        if not attached and not wrapped and _bare_organisation_credit(inner, patterns):
            return False  # "Name Lakeside Pictures": a credit, or a headline
        return None
    separated = bool(wrapped or match["prefix"] or _SEPARATOR.search(inner))
    strong = bool(separated or match["more"] or patterns.photo_service.match(match["agency"]))
    if match["name"]:
        common = _COMMON_WORD_ZIPF if strong else _HEADLINE_WORD_ZIPF
        if not _is_name(match["name"].split(), patterns, common):
            return None
    elif not strong:
        return None
    if attached and not (separated or match["more"]):
        return None
    return strong


@dataclass(frozen=True, slots=True)
class _LoosePatterns:
    agency_first: re.Pattern[str]
    labelled: re.Pattern[str]
    organisation: re.Pattern[str]
    """A name and a picture desk no table knows, set apart by a separator, either way
    round: "Omar Marov / Lakeside Pictures", "Lakeside Pictures / Omar Marov"."""
    organisation_bare: re.Pattern[str]
    """The same with nothing but a space between: "Omar Marov Lakeside Pictures"."""


@functools.cache
def _loose_patterns() -> _LoosePatterns:
    """Credits the main pattern leaves: the agency first ("EPA / Chen Aner"), a credit
    label or a copyright sign before a name and an organisation no table knows ("Image
    credit: Leila Kamarani", "Credit: Omar Marov / Lakeside Pictures", "\u00a9 Omar Marov /
    Lakeside Pictures"), and a name beside such an organisation, whose last word tells a
    picture desk (data/scraping-credits.toml ``[organisations]``)."""
    table = data.table("scraping-credits")
    agency = _alternation([*table["agencies"]["names"], *table["photo-services"]["names"]])
    token = r"[^\W\d_][\w'\u2019.-]*"
    name = rf"{token}(?:[ \t]+{token}){{0,4}}"
    prefix = _alternation(table["prefixes"]["labels"])
    capital = r"[A-Z][\w'\u2019.&-]*"
    ending = _alternation(table["organisations"]["endings"])
    organisation = rf"(?P<org>{capital}(?:[ \t]+{capital}){{0,2}}[ \t]+(?:{ending}))"
    person = r"(?P<name>[A-Z][\w'\u2019.-]+(?:[ \t]+[A-Z][\w'\u2019.-]+){1,3})"
    bar = r"[ \t]*[/|][ \t]*"
    via = rf"(?:[ \t]+via[ \t]+(?:{agency}))?"
    return _LoosePatterns(
        agency_first=re.compile(
            rf"(?:{agency})[ \t]*[/|][ \t]*(?P<name>{name})(?:[ \t]*[/|][ \t]*(?P<org>{name}))?"
        ),
        labelled=re.compile(
            rf"(?:{prefix})(?:[ \t]*:|(?<=by)|(?<=of)|(?<=\u00a9)|(?<=\(c\)))[ \t]+"
            rf"(?P<name>{name})(?:[ \t]*[/|,][ \t]*(?P<org>{name}))?"
        ),
        organisation=re.compile(
            rf"(?:{person}{bar}{organisation}{via}|{organisation.replace('org', 'org2')}{bar}"
            rf"{person.replace('name', 'name2')})"
        ),
        organisation_bare=re.compile(rf"{person}[ \t]+{organisation}"),
    )


def _loose_credit(text: str, patterns: _CreditPatterns, *, attached: bool = False) -> bool:
    """True for a credit of :func:`_loose_patterns` whose names read as names. After a
    caption on its line (``attached``), "Photo by Name" with no organisation could be the
    end of a sentence ("... repair the nets. Photo by Mei Tanlo" is a translated caption):
    there a label needs its colon or the name an organisation.

    >>> p = _credit_patterns()
    >>> _loose_credit("EPA / Chen Aner", p), _loose_credit("Image credit: Leila Kamarani", p)
    (True, True)
    >>> _loose_credit("Photo: The Minister Says He Will Stay", p)
    False
    >>> _loose_credit("Omar Marov | Lakeside Pictures", p)
    True
    """
    loose = _loose_patterns()
    for pattern in (loose.agency_first, loose.labelled, loose.organisation):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if pattern is loose.organisation:
            parts = _organisation_parts(match)
        else:
            by_label = pattern is loose.labelled and ":" not in text[: match.start("name")]
            if attached and by_label and not match["org"]:
                continue
            parts = [match["name"], match["org"] or ""]
        if all(_is_name(part.split(), patterns, _COMMON_WORD_ZIPF) for part in parts if part):
            return True
    return False


def _organisation_parts(match: re.Match[str]) -> list[str]:
    """The person's name and the organisation's own words (its picture-desk ending left
    out, as "Photo Desk" holds common words) of a match of an organisation pattern."""
    groups = match.groupdict()
    person = groups.get("name") or groups.get("name2") or ""
    organisation = (groups.get("org") or groups.get("org2") or "").split()
    ending = _organisation_ending_words(" ".join(organisation))
    return [person, " ".join(organisation[: len(organisation) - ending])]


def _organisation_ending_words(organisation: str) -> int:
    """How many of the last words of ``organisation`` are its picture-desk ending."""
    folded = organisation.casefold()
    lengths = [len(e.split()) for e in _organisation_endings() if folded.endswith(" " + e)]
    return max(lengths, default=0)


@functools.cache
def _organisation_endings() -> tuple[str, ...]:
    return tuple(e.casefold() for e in data.table("scraping-credits")["organisations"]["endings"])


def _bare_organisation_credit(text: str, patterns: _CreditPatterns) -> bool:
    """True for a name and a picture desk with only a space between ("Omar Marov Lakeside
    Pictures"): a credit, though a headline could read so too."""
    match = _loose_patterns().organisation_bare.fullmatch(text)
    if match is None:
        return False
    return all(
        _is_name(part.split(), patterns, _HEADLINE_WORD_ZIPF)
        for part in _organisation_parts(match)
        if part
    )
