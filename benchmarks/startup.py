"""The CPU a ``repair check`` run spends before and around its first files: start-up.

Method. ``repair check --no-cache -q`` over the sample corpus (five files of 3-8 KB, and its
entity list), each run in a fresh process, ``--repeat`` times, interleaved with
``--baseline`` (another version's folder) when given. Printed per version, best and median:

- the run's CPU (user + system, ``getrusage`` of the child: what ``/usr/bin/time -f %U+%S``
  prints), and ``python -c pass`` beside it;
- in a second process per round, the same run with a few functions wrapped to note their
  *exclusive* CPU (``time.process_time``, nothing counted twice): Python's own start-up,
  importing the CLI and the rules, compiling regular expressions (``re._compile``, at
  import or on first use), reading wordfreq's English table, lingua's detector (its models
  load on the first text it is asked about), the entity index, the rest of
  ``check_document``, and the rest of the run (settings, walking, output).

The files are small: nearly all of a run's CPU is start-up, what a ``--jobs 1`` run pays
before its first file is done and what a ``--jobs N`` parent pays before its workers fork
(see ``repair.checker.prepare``). Bytecode is written and read as usual (a first run after
an edit compiles the sources: run twice). CPU figures do not count other processes, but a
loaded machine slows every process down: compare versions in one interleaved run.

Usage: python -m benchmarks.startup [--repeat 10] [--baseline DIR] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# The CLI in a process that notes the exclusive CPU of a few functions (see the docstring).
TRACED = r"""
import json, re, sys, time
T = time.process_time
STARTED = T()
spent = {}
stack = []  # [name, start, CPU of wrapped calls below]


def timed(owner, attribute, name):
    function = getattr(owner, attribute)

    def wrapper(*args, **kwargs):
        stack.append([name, T(), 0.0])
        try:
            return function(*args, **kwargs)
        finally:
            _, start, below = stack.pop()
            took = T() - start
            spent[name] = spent.get(name, 0.0) + took - below
            if stack:
                stack[-1][2] += took

    setattr(owner, attribute, wrapper)


def imports():
    import repair.checker
    import repair.cli


timed(re, "_compile", "regular expressions")
timed(sys.modules[__name__], "imports", "imports")
imports()
from repair import checker, entities, language, lexicon_cache
from repair.cli import main

timed(lexicon_cache, "english_bands", "word table")
for attribute in ("_latin_language", "_other_script_language"):
    timed(language, attribute, "language detector")
timed(entities, "load_index", "entity index")
timed(checker, "check_document", "check_document, rest")
import contextlib, io

with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
spent["python start-up"] = STARTED
spent["rest of the run"] = T() - sum(spent.values())
print(json.dumps(spent))
"""

PHASES = (
    "python start-up",
    "imports",
    "regular expressions",
    "word table",
    "language detector",
    "entity index",
    "check_document, rest",
    "rest of the run",
)


def _child_cpu(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, done.stdout


def _environment(code: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(code), "REPAIR_LANGUAGETOOL_URL": ""}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode
    return env


def measure_round(code: Path, corpus: Path) -> tuple[float, float, dict[str, float]]:
    """One round for the version in ``code``: (CPU of ``python -c pass``, CPU of the run,
    exclusive CPU per phase of a traced run)."""
    env = _environment(code)
    arguments = ["check", "--no-cache", "-q", "--exit-zero", str(corpus)]
    bare, _ = _child_cpu([sys.executable, "-c", "pass"], code, env)
    run, _ = _child_cpu([sys.executable, "-m", "repair", *arguments], code, env)
    _, out = _child_cpu([sys.executable, "-c", TRACED, *arguments], code, env)
    lines = out.strip().splitlines()
    phases = json.loads(lines[-1]) if lines else {}
    return bare, run, phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--baseline", type=Path, default=None, help="another repair's folder")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    args = parser.parse_args()
    codes = {"this": HERE}
    if args.baseline is not None:
        codes = {"baseline": args.baseline.resolve(), **codes}
    results: dict[str, list[tuple[float, float, dict[str, float]]]] = {k: [] for k in codes}
    for _ in range(args.repeat):
        for name, code in codes.items():
            results[name].append(measure_round(code, args.corpus.resolve()))
    print(
        f"repair check --no-cache -q {args.corpus.name}/: CPU s (user+sys), best / median of "
        f"{args.repeat}; load average {os.getloadavg()[0]:.1f}"
    )
    for name, rounds in results.items():
        runs = [run for _, run, _ in rounds]
        bare = [b for b, _, _ in rounds]
        print(
            f"{name:9} run {min(runs):.3f} / {statistics.median(runs):.3f}"
            f"   (python -c pass {min(bare):.3f} / {statistics.median(bare):.3f})"
        )
        for phase in PHASES:
            values = [phases.get(phase, 0.0) for _, _, phases in rounds]
            print(f"    {phase:22} {min(values):.3f} / {statistics.median(values):.3f}")


if __name__ == "__main__":
    main()
