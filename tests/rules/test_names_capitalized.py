"""The capitalized tokens of the NAM scan (:mod:`repair.rules.names.capitalized`): the
places the walk meets a token, found with the search stopped at the token's count, are
those found by searching the whole text."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

from repair.rules.names.capitalized import CAPITALIZED, scan_places
from tests.conftest import EVAL, real_text_paths


def real_texts() -> Iterator[str]:
    """The sample corpus, and every text of ../shared/eval (documents, scraped pages, the
    mojibake cases and the MQM segments: source, translation and reference)."""
    for path in real_text_paths():
        yield path.read_text(encoding="utf-8")
    cases = EVAL / "mojibake" / "cases.jsonl"
    if cases.exists():
        for line in cases.read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            yield "\n".join(str(case.get(key, "")) for key in ("original", "fixed"))
    segments = EVAL / "mqm-zhen" / "segments.jsonl"
    if segments.exists():
        records = [json.loads(line) for line in segments.read_text(encoding="utf-8").splitlines()]
        for key in ("source", "target", "reference"):
            yield "\n".join(str(r.get(key, "")) for r in records)


def test_the_places_stopped_at_the_count_are_all_the_places() -> None:
    tokens = 0
    for text in real_texts():
        counts = Counter(CAPITALIZED.findall(text))
        for token, count in counts.items():
            everywhere = list(scan_places(text, token))
            assert list(scan_places(text, token, count)) == everywhere
            assert len(everywhere) == count  # the count is the number of the walk's places
            tokens += 1
    assert tokens > 10_000
