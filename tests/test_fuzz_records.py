"""Fuzz targets over the record reader and the cache-entry loader (issue 21), bounded: a
fixed number of derandomized examples, so that CI runs them in seconds.

Neither may raise on any input: a bad record is reported and passed through, a bad cache
entry is a miss. A changed record is written with only its text value replaced.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repair.api import FileFix
from repair.cache import ResultCache
from repair.document import Document
from repair.records.jsonl import line_output, parse_line

FUZZ = settings(
    derandomize=True,
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(codec="utf-8")),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=12,
)
_records = st.dictionaries(st.sampled_from(["text", "id", "t", "other"]), _json_values)


@FUZZ
@given(st.binary(max_size=200))
def test_any_bytes_as_a_record_are_read_or_reported(raw: bytes) -> None:
    record, data = parse_line(7, raw, "text")
    assert (record.text is None) == (record.problem is not None)
    assert data is None or isinstance(data, dict)


@FUZZ
@given(_records, st.text(alphabet=st.characters(codec="utf-8"), min_size=1), st.booleans())
def test_a_changed_record_keeps_every_other_field(
    record: dict[str, Any], fixed: str, escaped: bool
) -> None:
    line = json.dumps(record, ensure_ascii=escaped).encode("utf-8") + b"\n"
    parsed, data = parse_line(1, line, "text")
    if parsed.text is None or parsed.text == fixed:
        return
    original = Document.from_text(parsed.text, path="x[1]")
    result = FileFix("x[1]", original=original, fixed_text=fixed)
    written = line_output(line, data, "text", result)
    assert json.loads(written) == {**record, "text": fixed}
    assert written.endswith(b"\n")


@FUZZ
@given(st.dictionaries(st.sampled_from(["findings", "locations", "notice"]), _json_values))
def test_any_cache_entry_loads_or_is_a_miss(tmp_path_factory: Any, entry: Any) -> None:
    folder = Path(tmp_path_factory.mktemp("cache"))
    cache = ResultCache(folder)
    key = "ab" + "0" * 62
    path = Path(cache._entry(key))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(entry), encoding="utf-8")
    loaded = cache.load(key)
    if loaded is not None:
        assert all(0 <= f.start <= f.end for f in loaded.findings)
