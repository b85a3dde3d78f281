"""Where the wall time of ``--jobs 2`` goes: the parent's serial phases, the workers, the tail.

Method. A corpus of ``--files`` files of ``--file-kb`` KB (throughput.py's ``build_corpus``).
Per round, ``repair check --silent`` (or ``fix --output``) ``--no-cache --isolated`` with
``--jobs 1`` and ``--jobs 2``, each in a process that records, on the monotonic clock and
in CPU seconds of the process that ran it: the end of its imports, the start of the batch
(files walked and planned), the end of ``prepare`` (what the workers inherit, loaded), and
for every file task the worker, its start and end, its CPU and the worker's page faults.
Printed per run: the parent's CPU until the pool starts (the serial part every worker
waits for), the workers' CPU in tasks and beside them (start, results sent), the tail (wall
time from the first worker's last task to the last one's: one core idle) and the end (last
task to exit). Wall times measure the other processes of a shared machine; the CPU figures
do not, and give the wall time of an idle machine: serial CPU + the busiest worker's CPU.
The ceiling is the ``--jobs 1`` CPU over (serial CPU of ``--jobs 2`` + its workers' CPU / 2).

Usage: python -m benchmarks.jobs_timeline [--files 150] [--file-kb 64] [--command check|fix]
       [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

if __package__:
    from benchmarks.throughput import build_corpus
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from throughput import build_corpus  # type: ignore[import-not-found,no-redef]

# The CLI, in a process noting when its phases end and what each file task costs.
TRACED = """
import atexit, json, os, resource, sys, time
T0 = time.monotonic()
LOG = os.environ["JOBS_TIMELINE_LOG"]
def note(event, **more):
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    line = dict(event=event, pid=os.getpid(), t=time.monotonic() - T0,
                cpu=time.process_time(), faults=faults, **more)
    with open(LOG, "a") as stream:
        stream.write(json.dumps(line) + "\\n")
import repair.cli, repair.cached_batch as batch
note("imported")
run_task, run_ordered = batch.run_task, batch.run_ordered
def traced_task(task):
    started, cpu = time.monotonic() - T0, time.process_time()
    done = run_task(task)
    note("task", start=started, task_cpu=time.process_time() - cpu)
    return done
def traced_ordered(function, tasks, jobs, *, prepare=None, **more):
    note("batch")
    def prepared():
        prepare()
        note("prepared")
    yield from run_ordered(function, tasks, jobs, prepare=prepare and prepared, **more)
batch.run_task, batch.run_ordered = traced_task, traced_ordered
atexit.register(note, "exit")
repair.cli.main()
"""


def run(command: str, corpus: Path, jobs: int, out: Path, log: Path) -> list[dict[str, Any]]:
    args = [sys.executable, "-c", TRACED, command, str(corpus), "--no-cache", "--isolated"]
    args += ["--jobs", str(jobs), "--exit-zero"]
    args += ["--output", str(out)] if command == "fix" else ["--silent"]
    log.unlink(missing_ok=True)
    env = {**os.environ, "JOBS_TIMELINE_LOG": str(log), "REPAIR_LANGUAGETOOL_URL": ""}
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    return [json.loads(line) for line in log.read_text().splitlines()]


def summary(events: list[dict[str, Any]]) -> tuple[str, float, float]:
    """A line of figures, the serial CPU (the parent's until its pool starts, or until its
    first task), and the CPU of the parallel part (every task and worker after that)."""
    parent = events[0]["pid"]
    mine = {e["event"]: e for e in events if e["pid"] == parent and e["event"] != "task"}
    tasks = defaultdict(list)
    for event in events:
        if event["event"] == "task":
            tasks[event["pid"]].append(event)
    end = mine["exit"]
    if parent in tasks:  # --jobs 1: the parent's first task loads what the rules read
        first = min(tasks[parent], key=lambda e: e["t"])
        costs = sorted(e["task_cpu"] for e in tasks[parent])
        # Serial: all before the first task, and what it cost beyond a usual task's.
        serial = first["cpu"] - costs[len(costs) // 2]
        line = (
            f"imports {mine['imported']['cpu']:.2f} | batch at {mine['batch']['cpu']:.2f} | "
            f"1st task {first['task_cpu']:.2f} | total {end['cpu']:.2f} CPU, "
            f"{end['t']:.2f} wall, {end['faults']} faults"
        )
        return line, serial, end["cpu"] - serial
    pool_at = mine.get("prepared", mine["batch"])
    last_ends = sorted(max(e["t"] for e in worker) for worker in tasks.values())
    worker_cpu = [max(e["cpu"] for e in worker) for worker in tasks.values()]
    in_tasks = sum(e["task_cpu"] for worker in tasks.values() for e in worker)
    faults = sum(max(e["faults"] for e in worker) for worker in tasks.values())
    during = end["cpu"] - pool_at["cpu"]
    line = (
        f"imports {mine['imported']['cpu']:.2f} | batch at {mine['batch']['cpu']:.2f} | "
        f"prepared at {pool_at['cpu']:.2f} ({pool_at['faults']} faults) | workers "
        f"{' + '.join(f'{c:.2f}' for c in worker_cpu)} CPU ({in_tasks:.2f} in tasks, "
        f"{faults} faults) | parent during the pool {during:.2f} | tail "
        f"{last_ends[-1] - last_ends[0]:.2f} s, end {end['t'] - last_ends[-1]:.2f} s | "
        f"{end['t']:.2f} wall"
    )
    return line, pool_at["cpu"], sum(worker_cpu) + during


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=150)
    parser.add_argument("--file-kb", type=int, default=64)
    parser.add_argument("--command", choices=("check", "fix"), default="check")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(__doc__.split("Method. ")[1].split("\n\nUsage")[0] + "\n")
    with tempfile.TemporaryDirectory(prefix="jobs-timeline-") as scratch:
        work = Path(scratch)
        corpus = work / "corpus"
        _, size = build_corpus(corpus, 0, file_size=args.file_kb * 1000, count=args.files)
        print(f"{args.files} files, {size / 1e6:.1f} MB; repair {args.command}\n")
        for round_ in range(args.repeat):
            load = os.getloadavg()[0]
            figures = {}
            for jobs in (1, 2):
                out = work / f"out-{time.monotonic_ns()}"
                events = run(args.command, corpus, jobs, out, work / "log.jsonl")
                line, serial, parallel = summary(events)
                figures[jobs] = serial, parallel
                print(f"round {round_} (load {load:.1f}) --jobs {jobs}: {line}")
            (serial1, parallel1), (serial2, parallel2) = figures[1], figures[2]
            idle = serial2 + parallel2 / 2
            print(
                f"  serial CPU: {serial1:.2f} (jobs 1), {serial2:.2f} (jobs 2); parallel part "
                f"{parallel1:.2f} / {parallel2:.2f}; jobs 2 on an idle machine "
                f"~{idle:.2f} s: ceiling {(serial1 + parallel1) / idle:.2f}x\n"
            )


if __name__ == "__main__":
    main()
