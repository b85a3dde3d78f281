"""LanguageTool's ``/v2/check`` API: paragraphs batched into requests, a server reached over
HTTP, its matches read back and mapped to document offsets.

Which server to use, and the state of the run's servers, are :mod:`repair.languagetool`'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Protocol

from repair.errors import RepairError
from repair.findings import Span

# Paragraphs are joined into requests of at most this many characters.
BATCH_CHARS: Final = 20_000
_JOIN: Final = "\n\n"

# A warm server answers a 20,000-character batch in a few seconds; one sharing two busy
# cores with the run's workers has been seen to take 10. Past this, the server is deemed
# stuck and the run goes on without grammar findings.
_TIMEOUT_SECONDS: Final = 120.0

# LanguageTool's language codes for repair's two-letter ``language`` setting.
_VARIANTS: Final = {"en": "en-US", "de": "de-DE", "pt": "pt-PT"}


class LanguageToolError(RepairError):
    """A LanguageTool server could not be reached or answered something unreadable."""


@dataclass(frozen=True, slots=True)
class Match:
    """One LanguageTool match, with ``offset`` into the text that was sent."""

    offset: int
    length: int
    message: str
    rule_id: str
    replacements: tuple[str, ...] = ()
    issue_type: str = ""


class Checker(Protocol):
    def check(self, text: str, language: str) -> list[Match]: ...


def language_code(language: str) -> str:
    """LanguageTool's code for repair's ``language`` setting.

    >>> language_code("en"), language_code("fr")
    ('en-US', 'fr')
    """
    return _VARIANTS.get(language, language)


def check_url(base: str) -> str:
    """The ``/v2/check`` endpoint of a server given by its base URL.

    >>> check_url("http://localhost:8081"), check_url("https://lt.example/v2/")
    ('http://localhost:8081/v2/check', 'https://lt.example/v2/check')
    """
    trimmed = base.rstrip("/")
    if not trimmed.endswith("/v2"):
        trimmed += "/v2"
    return trimmed + "/check"


@dataclass(frozen=True, slots=True)
class HttpChecker:
    """A LanguageTool server reached over HTTP, as its ``/v2/check`` API documents."""

    url: str
    timeout: float = _TIMEOUT_SECONDS
    unreachable: MutableMapping[str, str] = field(default_factory=dict, compare=False)
    """Where a server that cannot be reached is noted (URL -> why), so that the files after
    this one skip it at once rather than wait for a timeout each."""

    def check(self, text: str, language: str) -> list[Match]:
        # urllib.request brings http.client and ssl: imported by the first check, not by
        # every run that only asks whether a server is configured.
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode({"text": text, "language": language}).encode("utf-8")
        request = urllib.request.Request(
            check_url(self.url),
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise LanguageToolError(f"LanguageTool server {self.url}: HTTP {error.code}") from error
        except (urllib.error.URLError, OSError) as error:
            # Refused, reset or timed out: the server is down or stuck.
            reason = f"LanguageTool server {self.url}: {getattr(error, 'reason', error)}"
            self.unreachable[self.url] = reason
            raise LanguageToolError(reason) from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise LanguageToolError(f"LanguageTool server {self.url}: not JSON") from error
        return parse_matches(payload, self.url)


def parse_matches(payload: Any, where: str = "LanguageTool") -> list[Match]:
    """The matches of a ``/v2/check`` answer.

    >>> [match] = parse_matches({"matches": [{"offset": 4, "length": 3, "message": "Typo.",
    ...     "replacements": [{"value": "cat"}], "rule": {"id": "X", "issueType": "misspelling"}}]})
    >>> match.offset, match.rule_id, match.replacements
    (4, 'X', ('cat',))
    """
    try:
        return [
            Match(
                offset=int(item["offset"]),
                length=int(item["length"]),
                message=str(item.get("message", "")),
                rule_id=str(item["rule"]["id"]),
                replacements=tuple(str(r["value"]) for r in item.get("replacements", ())),
                issue_type=str(item["rule"].get("issueType", "")),
            )
            for item in payload["matches"]
        ]
    except (KeyError, TypeError, ValueError) as error:
        raise LanguageToolError(f"LanguageTool server {where}: unexpected answer") from error


@dataclass(frozen=True, slots=True)
class _Piece:
    sent_at: int
    span: Span


def batches(
    text: str, paragraphs: Sequence[Span], limit: int = BATCH_CHARS
) -> Iterator[tuple[str, tuple[_Piece, ...]]]:
    """Paragraphs joined by blank lines into requests of at most ``limit`` characters.

    >>> [b for b, _ in batches("Ab.\\nCd.\\n", [Span(0, 3), Span(4, 7)])]
    ['Ab.\\n\\nCd.']
    """
    pieces: list[_Piece] = []
    parts: list[str] = []
    size = 0
    for span in paragraphs:
        chunk = text[span.start : span.end]
        if parts and size + len(_JOIN) + len(chunk) > limit:
            yield "".join(parts), tuple(pieces)
            pieces, parts, size = [], [], 0
        if parts:
            parts.append(_JOIN)
            size += len(_JOIN)
        pieces.append(_Piece(size, span))
        parts.append(chunk)
        size += len(chunk)
    if parts:
        yield "".join(parts), tuple(pieces)


def check_paragraphs(
    checker: Checker, text: str, paragraphs: Sequence[Span], language: str
) -> Iterator[tuple[Span, Match]]:
    """Each match with its span in ``text``; a match across two paragraphs is dropped."""
    for batch, pieces in batches(text, paragraphs):
        for match in checker.check(batch, language_code(language)):
            for piece in pieces:
                end_sent = piece.sent_at + len(piece.span)
                if piece.sent_at <= match.offset < end_sent:
                    if match.offset + match.length <= end_sent:
                        start = piece.span.start + match.offset - piece.sent_at
                        yield Span(start, start + match.length), match
                    break
