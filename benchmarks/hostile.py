"""Hostile inputs at the edges of fix, output, records and cache (issue 21), run against a
tree of repair's code: how many are handled cleanly, crash, lose data or hang.

Each case builds its files in a fresh folder, runs ``python -m repair ...`` (or a short
Python snippet for what the command line cannot stage, such as an edit made during a fix)
in a subprocess with a time limit, and judges the result: a hang is a run that outlives
the limit, a crash an ``internal error``/traceback, data loss a file that holds other bytes
than it should afterwards. Run it on two trees to compare them::

    python benchmarks/hostile.py                      # the code of this checkout
    python benchmarks/hostile.py --code /tmp/oldtree  # another tree (a git archive)
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

AMP = "AT&amp;T said so.\n"
LIMIT_SECONDS = 30


@dataclass
class Outcome:
    code: int | None
    output: str
    folder: Path


@dataclass
class Case:
    item: int
    name: str
    setup: Callable[[Path], list[str]]
    """Makes the files; returns the command's arguments after ``repair`` (or ``["-c", code]``
    for a Python snippet)."""
    lost: Callable[[Outcome], bool]
    """Whether something the user had is gone or wrong afterwards."""
    clean: Callable[[Outcome], bool] = lambda outcome: True
    """Whether the run said what happened (beyond not crashing, losing or hanging)."""


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _fix(*args: str) -> list[str]:
    return ["fix", "--isolated", "--no-cache", *args]


def _said(*words: str) -> Callable[[Outcome], bool]:
    return lambda outcome: outcome.code == 2 and all(w in outcome.output for w in words)


def _cases() -> list[Case]:
    cases: list[Case] = []

    def case(item: int, name: str, lost: Callable[[Outcome], bool], **kw: object) -> Callable:
        def register(setup: Callable[[Path], list[str]]) -> Callable:
            cases.append(Case(item, name, setup, lost, **kw))  # type: ignore[arg-type]
            return setup

        return register

    # 1 ------------------------------------------------------------------------------------
    @case(1, "edit made while fix runs", lambda o: "EDIT" not in (o.folder / "a.txt").read_text())
    def _(d: Path) -> list[str]:
        _write(d / "a.txt", AMP)
        return [
            "-c",
            (
                "import repair.api as a\n"
                "try:\n"  # the fix loop's home: repair.engine, or repair.api in older trees
                "    import repair.engine as m\n"
                "except ImportError:\n"
                "    m = a\n"
                "f = m.fix_document\n"
                "def g(*x, **k):\n"
                "    open('a.txt', 'a').write('EDIT\\n')\n"
                "    return f(*x, **k)\n"
                "m.fix_document = g\n"
                "print([r.error for r in a.fix_paths(['a.txt'])])\n"
            ),
        ]

    # 2 ------------------------------------------------------------------------------------
    def both_kept(o: Outcome) -> bool:
        out = o.folder / "o" / "x.txt"
        return not out.exists() or out.read_text() not in (AMP.replace("&amp;", "&"),)

    @case(
        2,
        "two files, one name, one --output",
        lambda o: (o.folder / "o" / "x.txt").exists(),
        clean=_said("same file"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "x.txt", AMP)
        _write(d / "b" / "x.txt", "Other &amp; text.\n")
        return _fix("a/x.txt", "b/x.txt", "--output", "o")

    @case(
        2,
        "two folders, same layout, one --output",
        lambda o: (o.folder / "o").exists(),
        clean=_said("same file"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "s" / "x.txt", AMP)
        _write(d / "b" / "s" / "x.txt", "Other &amp; text.\n")
        return _fix("a", "b", "--output", "o")

    @case(
        2,
        "two news.jsonl, one --output folder",
        lambda o: (o.folder / "o").exists(),
        clean=_said("same file"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "news.jsonl", '{"text":"AT&amp;T"}\n')
        _write(d / "b" / "news.jsonl", '{"text":"B &amp; C"}\n')
        return _fix("a/news.jsonl", "b/news.jsonl", "--output", "o/")

    @case(
        2,
        "symlink to a file outside, inside --output",
        lambda o: (o.folder / "victim.txt").read_text() != "keep\n",
        clean=_said("symbolic link"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "x.txt", AMP)
        _write(d / "victim.txt", "keep\n")
        (d / "o").mkdir()
        (d / "o" / "x.txt").symlink_to(d / "victim.txt")
        return _fix("a", "--output", "o")

    @case(
        2,
        "symlinked folder inside --output",
        lambda o: any((o.folder / "elsewhere").iterdir()),
        clean=_said("symbolic link"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "s" / "x.txt", AMP)
        (d / "elsewhere").mkdir()
        (d / "o").mkdir()
        (d / "o" / "s").symlink_to(d / "elsewhere", target_is_directory=True)
        return _fix("a", "--output", "o")

    # 3 ------------------------------------------------------------------------------------
    @case(
        3,
        "lone surrogate escape in another field",
        lambda o: b'"\\ud800"' not in _read(o.folder / "f.jsonl"),
        clean=lambda o: o.code == 0,
    )
    def _(d: Path) -> list[str]:
        _write(d / "n.jsonl", '{"other":"\\ud800","text":"AT&amp;T said."}\n')
        return _fix("n.jsonl", "--output", "f.jsonl")

    deep = '{"text":"AT&amp;T","x":' + '{"a":' * 1000 + "1" + "}" * 1001 + "\n"

    @case(
        3,
        "record nested 1,000 deep",
        lambda o: deep.encode() not in _read(o.folder / "f.jsonl"),
        clean=_said("n.jsonl[2]", "nested too deep"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "n.jsonl", '{"text":"AT&amp;T"}\n' + deep)
        return _fix("n.jsonl", "--output", "f.jsonl")

    # 4 ------------------------------------------------------------------------------------
    for name, line, expected in (
        ("1E400 kept", b'{"n":1E400,"text":"AT&amp;T"}\n', b'{"n":1E400,"text":"AT&T"}\n'),
        (
            "0.10000000000000000555 kept",
            b'{"x":0.10000000000000000555,"text":"AT&amp;T"}\n',
            b'{"x":0.10000000000000000555,"text":"AT&T"}\n',
        ),
        (
            "duplicate keys kept",
            b'{"k":1,"k":2,"text":"AT&amp;T"}\n',
            b'{"k":1,"k":2,"text":"AT&T"}\n',
        ),
        ("BOM kept", b'\xef\xbb\xbf{"text":"AT&amp;T"}\n', b'\xef\xbb\xbf{"text":"AT&T"}\n'),
    ):

        def make(line: bytes = line) -> Callable[[Path], list[str]]:
            def setup(d: Path) -> list[str]:
                _write(d / "n.jsonl", line)
                return _fix("n.jsonl", "--output", "f.jsonl")

            return setup

        cases.append(Case(4, name, make(), lambda o, e=expected: _read(o.folder / "f.jsonl") != e))

    @case(
        4, "output mode per umask", lambda o: (o.folder / "f.jsonl").stat().st_mode & 0o777 != 0o644
    )
    def _(d: Path) -> list[str]:
        _write(d / "n.jsonl", '{"text":"AT&amp;T"}\n')
        return _fix("n.jsonl", "--output", "f.jsonl")

    # 5 ------------------------------------------------------------------------------------
    @case(5, "entity list edited, size and mtime kept", lambda o: "same" in o.output)
    def _(d: Path) -> list[str]:
        return [
            "-c",
            (
                "import os; from pathlib import Path\n"
                "from repair.fingerprint import settings_fingerprint\n"
                "from repair.config import Config\n"
                "p = Path('e.toml'); p.write_text('[[entity]]\\nname = \"Xi Jinping\"\\n'); s = p.stat()\n"  # noqa: E501
                "c = Config(entities=(str(p),)); a = settings_fingerprint(c, 'a.txt')\n"
                "p.write_text('[[entity]]\\nname = \"Li Jinping\"\\n'); os.utime(p, ns=(s.st_atime_ns, s.st_mtime_ns))\n"  # noqa: E501
                "print('same' if settings_fingerprint(c, 'a.txt') == a else 'changed')\n"
            ),
        ]

    @case(
        5,
        "cache entry with an edit beyond the text",
        lambda o: (o.folder / "c" / "x.txt").read_text() != "AT&T said so.\n",
    )
    def _(d: Path) -> list[str]:
        _write(d / "c" / "x.txt", AMP)
        return [
            "-c",
            (
                "import json, os; from pathlib import Path; os.environ['REPAIR_CACHE_DIR'] = 'cache'\n"  # noqa: E501
                "import repair.api as a\n"
                "list(a.check_paths(['c/x.txt'], cache=True, options={'select': ['ENC005']}))\n"
                "(e,) = Path('cache').rglob('??/*.json'); d = json.loads(e.read_text())\n"
                "d['findings'] = [['ENC005','m',0,3,'warning',['safe','t',[[0,10**9,'X']]]]]\n"
                "d['locations'] = [[1,1,1,2]]; e.write_text(json.dumps(d))\n"
                "print([r.error for r in a.fix_paths(['c/x.txt'], cache=True, options={'select': ['ENC005']})])\n"  # noqa: E501
            ),
        ]

    # 6 ------------------------------------------------------------------------------------
    @case(
        6,
        'cache-dir = "." hides the corpus',
        lambda o: (o.folder / ".gitignore").exists(),
        clean=lambda o: "2 file(s)" in o.output,
    )
    def _(d: Path) -> list[str]:
        _write(d / "repair.toml", 'cache-dir = "."\n')
        _write(d / "a.txt", AMP)
        _write(d / "b.txt", "Fine.\n")
        subprocess.run(
            [sys.executable, "-m", "repair", "check", "."],
            cwd=d,
            env=_ENV,
            capture_output=True,
            timeout=LIMIT_SECONDS,
            check=False,
        )
        return ["check", "."]

    # 7 ------------------------------------------------------------------------------------
    @case(7, "FIFO named *.txt in a walked folder", lambda o: False, clean=lambda o: o.code == 1)
    def _(d: Path) -> list[str]:
        _write(d / "c" / "a.txt", AMP)
        os.mkfifo(d / "c" / "pipe.txt")
        return ["check", "--isolated", "--no-cache", "c"]

    @case(7, "FIFO named on the command line", lambda o: False, clean=_said("not a regular file"))
    def _(d: Path) -> list[str]:
        os.mkfifo(d / "pipe.txt")
        return ["check", "--isolated", "--no-cache", "pipe.txt"]

    # 8 ------------------------------------------------------------------------------------
    @case(8, "kill -9 of a --jobs 2 run", lambda o: "alive" in o.output)
    def _(d: Path) -> list[str]:
        return [
            "-c",
            (
                "import os, signal, subprocess, sys, time\n"
                "s = 'import time, repair.batch as b; list(b.run_ordered(time.sleep, [60.0]*8, 2))'\n"  # noqa: E501
                "p = subprocess.Popen([sys.executable, '-c', s]); time.sleep(4)\n"
                "kids = [int(x) for x in open(f'/proc/{p.pid}/task/{p.pid}/children').read().split()]\n"  # noqa: E501
                "p.kill(); p.wait(); time.sleep(3)\n"
                "def alive(k):\n"
                "    try: return open(f'/proc/{k}/stat').read().rsplit(')',1)[1].split()[0] != 'Z'\n"  # noqa: E501
                "    except OSError: return False\n"
                "left = [k for k in kids if alive(k)]\n"
                "[os.kill(k, signal.SIGKILL) for k in left]\n"
                "print('alive' if left else 'ended', len(kids))\n"
            ),
        ]

    @case(
        8, "kill -9 while a JSONL --output is written", lambda o: len(list(o.folder.iterdir())) > 1
    )
    def _(d: Path) -> list[str]:
        _write(d / "n.jsonl", '{"text":"AT&amp;T"}\n' * 3)
        return [
            "-c",
            (
                "import os, signal, subprocess, sys\n"
                "s = ('import sys, time, repair.records as r\\nw, c = r._jsonl_output, []\\n'\n"
                "     'def f(*a):\\n    c.append(1)\\n    if len(c) == 2: print(1, flush=True); time.sleep(60)\\n'\n"  # noqa: E501
                '     \'    return w(*a)\\nr._jsonl_output = f\\nlist(r.fix_records("n.jsonl", "f.jsonl"))\\n\')\n'  # noqa: E501
                "p = subprocess.Popen([sys.executable, '-c', s], stdout=subprocess.PIPE)\n"
                "p.stdout.readline(); p.kill(); p.wait(); print(sorted(os.listdir('.')))\n"
            ),
        ]

    # 9 ------------------------------------------------------------------------------------
    for raw in (b"abc \xc0\xaf def\n", b"\xed\xa0\x80"):

        def make9(raw: bytes = raw) -> Callable[[Path], list[str]]:
            def setup(d: Path) -> list[str]:
                _write(d / "s.txt", raw)
                return _fix("s.txt")

            return setup

        cases.append(
            Case(
                9,
                f"short file {raw!r} guessed",
                make9(),
                lambda o, r=raw: _read(o.folder / "s.txt") != r,
                _said("too few"),
            )
        )

    # 10 -----------------------------------------------------------------------------------
    @case(
        10,
        "symlink leaving the walked folder",
        lambda o: (o.folder / "out.txt").read_text() != AMP,
        clean=lambda o: "outside" in o.output,
    )
    def _(d: Path) -> list[str]:
        _write(d / "out.txt", AMP)
        (d / "c").mkdir()
        (d / "c" / "l.txt").symlink_to(d / "out.txt")
        return _fix("c")

    @case(
        10,
        "read-only file",
        lambda o: (o.folder / "r.txt").read_text() != AMP,
        clean=_said("read-only"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "r.txt", AMP)
        (d / "r.txt").chmod(0o444)
        return _fix("r.txt")

    @case(10, "owner and group kept", lambda o: (o.folder / "u.txt").stat().st_uid != 4321)
    def _(d: Path) -> list[str]:
        _write(d / "u.txt", AMP)
        os.chown(d / "u.txt", 4321, 8765)
        return _fix("u.txt")

    # 11 -----------------------------------------------------------------------------------
    @case(
        11,
        "--output naming an existing file",
        lambda o: (o.folder / "t").read_text() != "keep\n",
        clean=_said("is a file"),
    )
    def _(d: Path) -> list[str]:
        _write(d / "a" / "x.txt", AMP)
        _write(d / "t", "keep\n")
        return _fix("a/x.txt", "--output", "t")

    @case(11, "nested TOML config", lambda o: False, clean=_said("nested too deep"))
    def _(d: Path) -> list[str]:
        _write(d / "r.toml", "a = " + "[" * 2000 + "]" * 2000 + "\n")
        _write(d / "x.txt", "Fine.\n")
        return ["check", "--no-cache", "--config", "r.toml", "x.txt"]

    @case(
        11, "file name with a newline", lambda o: False, clean=lambda o: "a\\nb.txt:1:" in o.output
    )
    def _(d: Path) -> list[str]:
        _write(d / "c" / "a\nb.txt", AMP)
        return ["check", "--isolated", "--no-cache", "c"]

    @case(11, "fix - other.txt", lambda o: False, clean=_said("other.txt"))
    def _(d: Path) -> list[str]:
        _write(d / "other.txt", AMP)
        return ["fix", "--isolated", "-", "other.txt"]

    @case(11, "full disk under a JSONL --output", lambda o: False, clean=_said("cannot write"))
    def _(d: Path) -> list[str]:
        _write(d / "n.jsonl", '{"text":"AT&amp;T"}\n')
        return [
            "-c",
            (
                "import os, sys, tempfile\n"
                "tempfile.mkstemp = lambda *a, **k: (os.open('/dev/full', os.O_WRONLY), 'never')\n"
                "from repair.cli import main\n"
                "sys.argv = ['repair', 'fix', '--isolated', 'n.jsonl', '--output', 'f.jsonl']\n"
                "main()\n"
            ),
        ]

    return cases


def _read(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


_ENV = dict(os.environ)


def run(case: Case) -> str:
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        args = case.setup(here)
        command = (
            [sys.executable, *args] if args[0] == "-c" else [sys.executable, "-m", "repair", *args]
        )
        process = subprocess.Popen(
            command,
            cwd=here,
            env=_ENV,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            out, _ = process.communicate(b"AT&amp;T\n", timeout=LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return "hang"
        outcome = Outcome(process.returncode, out.decode("utf-8", "replace"), here)
        if "internal error" in outcome.output or "Traceback" in outcome.output:
            return "crash"
        if case.lost(outcome):
            return "data loss"
        return "clean" if case.clean(outcome) else "unclear"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, help="tree of repair's code (default: this one)")
    parser.add_argument("--json", action="store_true", help="one JSON object per case")
    options = parser.parse_args()
    code = options.code or Path(__file__).resolve().parent.parent
    _ENV["PYTHONPATH"] = str(code)
    _ENV.pop("REPAIR_CACHE_DIR", None)
    totals: dict[str, int] = {}
    by_item: dict[int, dict[str, int]] = {}
    for case in _cases():
        started = time.monotonic()
        verdict = run(case)
        totals[verdict] = totals.get(verdict, 0) + 1
        tally = by_item.setdefault(case.item, {})
        tally[verdict] = tally.get(verdict, 0) + 1
        line = {
            "item": case.item,
            "case": case.name,
            "verdict": verdict,
            "seconds": round(time.monotonic() - started, 1),
        }
        print(json.dumps(line) if options.json else f"{case.item:>2} {verdict:<9} {case.name}")
    print("| item | tried | clean | unclear | crashes | data loss | hangs |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    rows: list[tuple[object, dict[str, int]]] = [*sorted(by_item.items()), ("all", totals)]
    for item, counts in rows:
        print(
            f"| {item} | {sum(counts.values())} | {counts.get('clean', 0)} | "
            f"{counts.get('unclear', 0)} | {counts.get('crash', 0)} | "
            f"{counts.get('data loss', 0)} | {counts.get('hang', 0)} |"
        )


if __name__ == "__main__":
    main()
