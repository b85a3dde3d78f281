"""Records per second of ``repair fix --engine dask`` with 1 and 2 workers, in one run.

Builds a Parquet dataset (8 parts) of ``--records`` records from the sample corpus and the
MT outputs of ../shared/eval, repairs it on a LocalCluster of 1, then 2 single-threaded
worker processes, and prints records/s, the scaling ratio (target >= 1.7 on 2 cores) and the
peak memory of each worker. Cluster start-up is not timed; each timed run is preceded by a
warm-up partition so that word lists are loaded, as they are in a long run.

Usage: python benchmarks/dask_scaling.py [--records 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

import pyarrow
import pyarrow.parquet

from repair import Config
from repair.dask import fix_dataset, read_dataset, repair_dataframe, start_client

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[str]:
    found = [
        line
        for path in sorted((ROOT / "corpus").glob("*.*"))
        if path.suffix in (".txt", ".md")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    segments = ROOT.parent / "shared" / "eval" / "mqm-zhen" / "segments.jsonl"
    if segments.exists():
        with segments.open(encoding="utf-8") as stream:
            found += [json.loads(line)["target"] for line in stream]
    return found


def build(folder: Path, records: int) -> Path:
    source = texts()
    rows = [{"id": i, "text": source[i % len(source)], "lang": "en"} for i in range(records)]
    dataset = folder / "dataset"
    dataset.mkdir(parents=True)
    part = max(1, records // 8)
    for index in range(0, records, part):
        table = pyarrow.Table.from_pylist(rows[index : index + part])
        pyarrow.parquet.write_table(table, dataset / f"part{index // part:02d}.parquet")
    return dataset


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(dataset: Path, out: Path, workers: int, records: int) -> tuple[float, list[float]]:
    config = Config()
    with start_client(None, workers) as client:
        # Warm-up: one partition, so each worker has loaded its word lists before the clock.
        warm = repair_dataframe(read_dataset(dataset).partitions[:workers], config=config)
        warm.compute()
        started = time.perf_counter()
        fix_dataset(dataset, out, config=config)
        elapsed = time.perf_counter() - started
        peaks = list(client.run(peak_rss_mib).values())
    return records / elapsed, peaks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="repair-dask-"))
    try:
        dataset = build(work, args.records)
        print(f"dataset: {args.records} records in 8 Parquet parts\n")
        rates = {}
        for workers in (1, 2):
            rate, peaks = run(dataset, work / f"out{workers}", workers, args.records)
            rates[workers] = rate
            memory = ", ".join(f"{p:.0f}" for p in peaks)
            print(f"{workers} worker(s): {rate:8.0f} records/s   peak MiB per worker: {memory}")
        print(f"\nscaling, 2 workers vs 1: {rates[2] / rates[1]:.2f}x (target >= 1.7)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
