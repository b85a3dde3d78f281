"""Golden fixtures, as ruff's snapshots: tests/fixtures/<family>/<name>.txt (or .md).

For each input, ``<name>.findings`` holds the ``line:col: CODE message`` lines of
``check_text`` with every rule selected, and ``<name>.fixed.<ext>`` the output of ``fix_text``
with safe fixes; ``<name>.unsafe.<ext>``, when present, the output with unsafe fixes too.
Files under a ``clean/`` folder must give no finding and come out unchanged.
``REPAIR_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` rewrites the golden files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from repair import Config, check_text, fix_text
from repair.document import Document
from tests.conftest import FIXTURES, assert_golden

ALL = Config(select=("ALL",))


def _inputs(clean: bool) -> list[Path]:
    found = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix not in (".txt", ".md") or not path.is_file():
            continue
        if ".fixed." in path.name or ".unsafe." in path.name:
            continue
        if ("clean" in path.parts) == clean:
            found.append(path)
    return found


def _render(text: str, path: Path) -> str:
    doc = Document.from_text(text, path=str(path))
    lines = []
    for finding in check_text(text, config=ALL, path=str(path)):
        line, column = doc.position(finding.start)
        lines.append(f"{line}:{column}: {finding.code} {finding.message}")
    return "\n".join(lines) + ("\n" if lines else "")


@pytest.mark.parametrize("path", _inputs(clean=False), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_fixture(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert_golden(path.with_suffix(".findings"), _render(text, path))
    fixed = fix_text(text, config=ALL, path=str(path)).text
    assert_golden(path.with_name(f"{path.stem}.fixed{path.suffix}"), fixed)
    assert fix_text(fixed, config=ALL, path=str(path)).text == fixed, "fix is not idempotent"
    unsafe_golden = path.with_name(f"{path.stem}.unsafe{path.suffix}")
    if unsafe_golden.exists():
        unsafe = fix_text(text, config=ALL, path=str(path), unsafe=True).text
        assert_golden(unsafe_golden, unsafe)


@pytest.mark.parametrize("path", _inputs(clean=True), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_clean_fixture_is_left_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    findings = check_text(text, config=Config(), path=str(path))
    assert findings == [], [f"{f.code} {f.message}" for f in findings]
    assert fix_text(text, path=str(path), unsafe=True).text == text
