"""What a process about to start workers loads for them, and what it leaves to each worker
(:func:`repair.checker.prepare`); a run on workers prints and writes what one process does,
byte for byte. Each runs in a fresh interpreter: the test process has loaded everything."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, FIXTURES

# A CLI run in a fresh interpreter, with a pool for any input size (one needs a megabyte per
# worker); prints a line of JSON: what the CLI printed on each stream, its exit code, and
# whether this process loaded lingua.
RUN = (
    "import contextlib, io, json, sys\n"
    "import repair.batch\n"
    "repair.batch.BYTES_PER_WORKER = 1\n"
    "from repair.cli import main\n"
    "out, err, code = io.StringIO(), io.StringIO(), 0\n"
    "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
    "    try:\n"
    "        main(sys.argv[1:])\n"
    "    except SystemExit as exit:\n"
    "        code = exit.code\n"
    "print(json.dumps({'out': out.getvalue(), 'err': err.getvalue(), 'code': code,\n"
    "                  'lingua': 'lingua' in sys.modules}))\n"
)


def _run(*args: str) -> tuple[str, bool]:
    """What ``repair *args`` printed (standard output, error and exit code) in a fresh
    process, and whether that process (the parent, with 2 jobs) loaded lingua."""
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "REPAIR_LANGUAGETOOL_URL": ""},
    )
    said = json.loads(done.stdout.splitlines()[-1])
    return f"{said['out']}\n--- stderr:\n{said['err']}\n--- exit {said['code']}", said["lingua"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Files that send paragraphs to lingua (a Title-Case headline, whole documents in
    German, French and Chinese, a German quotation in English) and files that do not,
    twice over: enough tasks for two workers to share."""
    folder = tmp_path_factory.mktemp("mixed")
    quoted = (
        "The minister spoke to reporters in Berlin on Monday about the talks.\n\n"
        "Wir haben uns auf einen Waffenstillstand geeinigt, der ab morgen gilt und von "
        "beiden Seiten eingehalten werden muss.\n\n"
        "Officials said the truce would be reviewed at the end of the week.\n"
    )
    for copy in range(2):
        target = folder / f"copy{copy}"
        shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("*.toml"))
        shutil.copytree(FIXTURES / "languages" / "clean", target / "languages")
        (target / "quoted.txt").write_text(quoted, encoding="utf-8")
    return folder


def test_prepare_leaves_lingua_and_rapidfuzz_to_the_workers_that_need_them() -> None:
    """The workers wait for what ``prepare`` loads: it loads the word table and patterns
    every check reads, not lingua's models nor rapidfuzz, which only some texts need."""
    code = (
        "import sys\n"
        "from repair import checker, lexicon\n"
        "from repair.config import Config\n"
        "checker.prepare(Config(language='auto'))\n"
        "print('lingua' in sys.modules, 'rapidfuzz' in sys.modules,\n"
        "      bool(lexicon._english and lexicon._english[0]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True"]


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_a_check_on_workers_prints_what_one_process_prints(mixed: Path, output_format: str) -> None:
    """Workers that load lingua themselves find and say what one process finds and says."""
    args = ["check", "--isolated", "--no-cache", "--output-format", output_format, str(mixed)]
    serial, _ = _run(*args, "--jobs", "1")
    pooled, parent_loaded_lingua = _run(*args, "--jobs", "2")
    assert pooled == serial
    assert "German" in serial and "STR003" in serial  # lingua was asked, in the workers
    assert not parent_loaded_lingua


def test_a_fix_on_workers_writes_and_prints_what_one_process_does(
    mixed: Path, tmp_path: Path
) -> None:
    written = {}
    printed = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}"
        args = ["fix", "--isolated", "--no-cache", "--output", str(out), str(mixed)]
        printed[jobs], _ = _run(*args, "--jobs", jobs)
        written[jobs] = {
            path.relative_to(out): path.read_bytes() for path in out.rglob("*") if path.is_file()
        }
        printed[jobs] = printed[jobs].replace(str(out), "OUT")
    assert printed["2"] == printed["1"]
    assert written["2"] == written["1"] and len(written["1"]) == 18
