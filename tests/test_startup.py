"""What a process imports before and while it checks one English file: not wordfreq (its
table is read directly, see tests/test_lexicon.py), not multiprocessing (no pool for one
file), not rapidfuzz (no entity list, see repair/lazy_import.py). Each runs in a fresh
interpreter, whose ``sys.modules`` tells."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Modules a serial check of an English text has no use for, and their import costs.
# rapidfuzz: only entity lists, mojibake lines and WRD001 (off by default) call it.
UNNEEDED = ("wordfreq", "langcodes", "multiprocessing", "concurrent.futures", "rapidfuzz")


def _imported(script: str, *args: str, env: dict[str, str] | None = None) -> dict[str, object]:
    """The JSON a fresh interpreter prints after ``script``, with the unneeded modules it
    imported under "imported"."""
    code = (
        "import json, sys\n"
        f"{script}\n"
        f"out['imported'] = sorted(m for m in {UNNEEDED!r} if m in sys.modules)\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "REPAIR_LANGUAGETOOL_URL": "", **(env or {})},
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_importing_the_cli_imports_neither_wordfreq_nor_multiprocessing() -> None:
    assert _imported("import repair.cli\nout = {}") == {"imported": []}


@pytest.mark.parametrize("cache", [True, False])
def test_a_serial_check_reads_the_word_table_without_wordfreq(tmp_path: Path, cache: bool) -> None:
    text = tmp_path / "prices.txt"
    text.write_text(
        "Prices rose in Vessmark after the vote, officials told reporters. "
        "The two -day truce held, and it's said they'll meet again.\n",
        encoding="utf-8",
    )
    script = (
        "import contextlib, io\n"
        "from repair import lexicon\n"
        "from repair.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as printed:\n"
        "    try:\n"
        "        main(['check', '--jobs', '2', *sys.argv[1:]])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "out = {'table': bool(lexicon._english and lexicon._english[0]),\n"
        "       'asked': lexicon.zipf.cache_info().currsize, 'printed': printed.getvalue()}\n"
    )
    args = [str(text)] if cache else [str(text), "--no-cache"]
    out = _imported(script, *args, env={"REPAIR_CACHE_DIR": str(tmp_path / "cache")})
    assert "PUN001" in str(out["printed"])  # the check ran ("two -day")
    assert out["table"] and isinstance(out["asked"], int) and out["asked"] > 0
    assert out["imported"] == []
