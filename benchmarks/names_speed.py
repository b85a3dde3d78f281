"""Cost of an entity list: its load time, and a check of a fixed corpus with and without it.

Method. Synthetic entity lists of 100, 1,000, 10,000 and 100,000 entries (people, places and
organizations with made-up names, from a fixed seed; each list begins with the smaller
ones) are written as TOML. The corpus is fixed: ``--files`` files of about ``--file-kb`` KB,
lines of the sample corpus with one in five naming an entity of the 100-entry list, half of
the names garbled (case, a lost letter, a changed letter), so every list finds the same
mentions. For each size the script prints:

- load: the CPU time a fresh Python process takes for ``load_index`` (read, check, merge,
  index; in the cached-index table, restored from the index the cache keeps) plus the
  spelling groups NAM004 builds from the index, best of ``--repeat``;
- check: ``repair check --no-cache --isolated`` of the corpus as a subprocess, with 1 and
  2 jobs, wall time and CPU time of the whole process tree (the children's rusage), best
  of ``--repeat`` interleaved rounds; "none" is the same check with no list, and each
  ratio is against it with the same number of jobs (the target is 1.3x or less). With
  ``--no-cache`` every process reads and indexes the list: a first run's cost.
- cached index: the same checks without ``--no-cache``, in a cache folder
  (``REPAIR_CACHE_DIR``) emptied before each run of everything but the entity indexes
  that a first, untimed run per list kept there. No result is answered from the cache
  (each run checks every file and writes its results, "none" too); the index is
  restored instead of built: a later run's cost with an unchanged list.

With ``--compare DIR`` (another checkout of repair, such as ``git worktree add DIR main``),
every load and check is also run with DIR's code, in the same interleaved rounds, and a
second table gives its figures: old and new code measured under the same load. Each
version's package is compiled to bytecode first, as pip installs it.

Usage: python benchmarks/names_speed.py [--sizes 100,1000,10000,100000] [--files 100]
       [--file-kb 25] [--repeat 2] [--timeout 600] [--compare DIR]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from repair.entities import Entity, EntityType

if __package__:
    from benchmarks.measure import compile_package
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from measure import compile_package  # type: ignore[import-not-found,no-redef]

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000, 100_000)
SYLLABLES = [
    "ka",
    "ri",
    "mo",
    "len",
    "tas",
    "vor",
    "gul",
    "shen",
    "dra",
    "pek",
    "zi",
    "lo",
    "nar",
    "bes",
    "tum",
    "hal",
    "vik",
    "sor",
    "ren",
    "dal",
    "mir",
    "jan",
    "ost",
    "fel",
    "gor",
    "bra",
    "nik",
    "tyr",
    "wen",
    "pol",
    "zar",
    "khu",
    "lev",
    "sta",
    "cer",
    "dun",
    "yas",
]
TOKEN = re.compile(r"\w+")
LOAD = """
import sys, time
from pathlib import Path
from repair import __version__
from repair.entities import load_index
from repair.rules.names import spelling_groups
cache = Path(sys.argv[2], __version__) if len(sys.argv) > 2 else None
started = time.process_time()
try:
    index = load_index((sys.argv[1],), cache)
except TypeError:  # a checkout with no index cache (--compare): it builds the index
    index = load_index((sys.argv[1],))
spelling_groups(index)
print(time.process_time() - started)
"""


def made_up_name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


def entity_list(size: int, seed: int = 0) -> list[Entity]:
    """``size`` made-up entities; the list of a smaller size is the start of a larger one."""
    rng = random.Random(seed)
    entities: dict[str, Entity] = {}
    kinds = (EntityType.PERSON, EntityType.PLACE, EntityType.ORGANIZATION)
    while len(entities) < size:
        kind = kinds[len(entities) % 3]
        surname = made_up_name(rng, rng.randint(2, 4))
        if kind is EntityType.PERSON:
            name = f"{made_up_name(rng, 2)} {surname}"
            entities[name] = Entity(name, (surname,), type=kind)
        elif surname not in entities:
            entities[surname] = Entity(surname, type=kind)
    return list(entities.values())


def write_toml(entities: list[Entity], path: Path) -> None:
    lines = []
    for entity in entities:
        lines += ["[[entity]]", f'name = "{entity.name}"']
        if entity.aliases:
            lines.append("aliases = [" + ", ".join(f'"{a}"' for a in entity.aliases) + "]")
        lines += [f'type = "{entity.type.value}"', ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def garbled(name: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(name))
    how = rng.choice(("case", "drop", "change"))
    if how == "case":
        return name[:position] + name[position].upper() + name[position + 1 :]
    if how == "drop":
        return name[:position] + name[position + 1 :]
    return name[:position] + rng.choice("aeiou") + name[position + 1 :]


def write_corpus(folder: Path, entities: list[Entity], files: int, file_kb: int) -> int:
    """``files`` files of the sample corpus's lines, one in five naming an entity; bytes."""
    rng = random.Random(1)
    base = [
        line
        for path in sorted((ROOT / "corpus").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    folder.mkdir(parents=True)
    total = 0
    for number in range(files):
        lines = [f"Document {number + 1}."]
        size = 0
        while size < file_kb * 1000:
            line = rng.choice(base)
            if rng.random() < 0.2:
                name = rng.choice(entities).name.split()[-1]
                if rng.random() < 0.5:
                    name = garbled(name, rng)
                line = f"{line} Officials met {name} on Friday."
            lines.append(line)
            size += len(line.encode("utf-8")) + 1
        data = ("\n".join(lines) + "\n").encode("utf-8")
        (folder / f"doc{number:05}.txt").write_bytes(data)
        total += len(data)
    return total


def code_env(code: Path | None) -> dict[str, str] | None:
    """The environment that runs ``code``'s repair (None: this checkout's). Its processes
    also run in ``code``: ``-c`` and ``-m`` put the working directory first on the path,
    before PYTHONPATH, and a checkout there would be imported instead."""
    if code is None:
        return None
    return {**os.environ, "PYTHONPATH": str(code)}


def load_seconds(
    path: Path, timeout: float, code: Path | None = None, cache: Path | None = None
) -> float | None:
    """CPU seconds of a fresh process's load of the list at ``path``: read and built, or
    restored from the index kept in ``cache`` (a ``REPAIR_CACHE_DIR``)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", LOAD, str(path), *([str(cache)] if cache else [])],
            capture_output=True,
            text=True,
            check=True,
            timeout=timeout,
            env=code_env(code),
            cwd=code,
        )
    except subprocess.TimeoutExpired:
        return None
    return float(done.stdout)


def only_entity_indexes(cache: Path) -> None:
    """Empty the cache folder of all but the entity indexes (results, folder indexes, run
    memos): no file and no run is answered from it."""
    for version in cache.glob("*"):
        for entry in version.glob("*") if version.is_dir() else ():
            if entry.name != "entities":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def check(
    corpus: Path,
    entities: Path | None,
    jobs: int,
    timeout: float,
    code: Path | None = None,
    cache: Path | None = None,
) -> tuple[float, float]:
    """(wall, CPU) seconds of ``repair check`` over ``corpus``; CPU of the process tree.
    With a ``cache`` folder, the run caches there (see :func:`only_entity_indexes`)."""
    command = [sys.executable, "-m", "repair", "check", str(corpus), "--isolated"]
    command += ["--jobs", str(jobs), "--silent", "--exit-zero"]
    env = code_env(code)
    if cache is None:
        command.append("--no-cache")
    else:
        only_entity_indexes(cache)
        env = {**(env or os.environ), "REPAIR_CACHE_DIR": str(cache)}
    if entities is not None:
        command += ["--entities", str(entities)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        subprocess.run(
            command,
            check=True,
            timeout=timeout,
            stdout=subprocess.DEVNULL,
            env=env,
            cwd=code,
        )
    except subprocess.TimeoutExpired:
        return float("inf"), float("inf")
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def seconds(value: float | None) -> str:
    return "timeout" if value is None or value == float("inf") else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--file-kb", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--compare", type=Path, help="another checkout, measured alongside")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="names-speed-") as scratch:
        work = Path(scratch)
        everything = entity_list(max(sizes))
        lists = {}
        for size in sizes:
            lists[size] = work / f"entities-{size}.toml"
            write_toml(everything[:size], lists[size])
        corpus = work / "corpus"
        total = write_corpus(corpus, everything[: min(sizes)], args.files, args.file_kb)
        print(f"corpus: {args.files} files, {total / 1e6:.1f} MB; {os.cpu_count()} cores")
        print(__doc__.split("Method. ")[1].split("\n\nUsage")[0])
        print()
        codes: list[Path | None] = [None] if args.compare is None else [None, args.compare]
        for code in codes:  # each version with its bytecode, as installed
            compile_package(code or ROOT)
        caches = {code: work / f"cache-{number}" for number, code in enumerate(codes)}
        for code in codes:  # the first run per list keeps its index (untimed)
            for size in sizes:
                check(corpus, lists[size], 1, args.timeout, code, caches[code])
        modes: tuple[bool, ...] = (False, True)
        runs: dict[tuple[Path | None, bool, int | None, int], tuple[float, float]] = {}
        loads: dict[tuple[Path | None, bool, int], float | None] = {}
        for _ in range(args.repeat):  # interleaved rounds: every run sees the same load
            for size in sizes:
                for code, cached in itertools.product(codes, modes):
                    cache = caches[code] if cached else None
                    took = load_seconds(lists[size], args.timeout, code, cache)
                    known = loads.get((code, cached, size), float("inf"))
                    best = None if took is None else min(took, known or float("inf"))
                    loads[code, cached, size] = best
            for cached in modes:
                for jobs in (1, 2):
                    for listed in (None, *sizes):  # None: the check with no list
                        entities = None if listed is None else lists[listed]
                        for code in codes:
                            cache = caches[code] if cached else None
                            wall, cpu = check(corpus, entities, jobs, args.timeout, code, cache)
                            key = (code, cached, listed, jobs)
                            best_wall, best_cpu = runs.get(key, (float("inf"),) * 2)
                            runs[key] = (min(wall, best_wall), min(cpu, best_cpu))
        for code in codes:
            if args.compare is not None:
                print(f"\n{'this checkout' if code is None else code}:")
            for cached in modes:
                print(
                    "\ncached index:" if cached else "\n--no-cache (each process builds the index):"
                )
                print_table(
                    sizes,
                    {k[2:]: v for k, v in runs.items() if k[:2] == (code, cached)},
                    {k[2]: v for k, v in loads.items() if k[:2] == (code, cached)},
                )


def print_table(
    sizes: list[int],
    runs: dict[tuple[int | None, int], tuple[float, float]],
    loads: dict[int, float | None],
) -> None:
    header = f"{'entries':>8} {'load CPU':>8}"
    for jobs in (1, 2):
        header += f" | j{jobs} wall  ratio   CPU s  ratio"
    print(header)
    for size in (None, *sizes):
        row = f"{'none' if size is None else f'{size:,}':>8} "
        row += f"{'-' if size is None else seconds(loads[size]):>8}"
        for jobs in (1, 2):
            wall, cpu = runs[size, jobs]
            base_wall, base_cpu = runs[None, jobs]
            row += f" | {seconds(wall):>7} {wall / base_wall:>5.2f}x"
            row += f" {seconds(cpu):>7} {cpu / base_cpu:>5.2f}x"
        print(row)


if __name__ == "__main__":
    main()
