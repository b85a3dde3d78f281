"""Run about forty typical command lines and print what each gives, to compare two versions.

Method: each command runs in a fresh copy of the sample corpus, a JSONL corpus of the first
40 mojibake cases and its Parquet twin, as ``python -m repair ...`` with the code under
``--code`` first on ``PYTHONPATH``. What is printed per command: its exit code, its stdout
and stderr (the scratch folder's path replaced by ``<tmp>``) and the SHA-256 of every file
it left in the scratch folder (the cache folder left out). Two versions behave the same on
these command lines exactly when their transcripts are equal.

Usage:
    python scripts/compare_cli.py --code /path/to/old/checkout > old.txt
    python scripts/compare_cli.py --code . > new.txt
    diff old.txt new.txt
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

# (command line after "repair", standard input file or None); a line holding ";" is
# several runs in the same scratch folder, in turn.
COMMANDS: tuple[tuple[str, str | None], ...] = (
    ("check corpus --no-cache", None),
    ("check corpus --no-cache --output-format json", None),
    ("check corpus --no-cache --output-format json-lines", None),
    ("check corpus --no-cache --output-format full", None),
    ("check corpus --no-cache --output-format github", None),
    ("check corpus --no-cache --output-format sarif", None),
    ("check corpus --no-cache --output-format junit", None),
    ("check corpus --no-cache --output-format gitlab", None),
    ("check corpus --no-cache --statistics", None),
    ("check corpus --no-cache --statistics --output-format json", None),
    ("check corpus --no-cache --select ENC,QUO -q", None),
    ("check corpus --no-cache --exit-zero --ignore PUN", None),
    ("check corpus --jobs 2", None),
    ("check corpus ; check corpus ; check corpus --output-format full", None),
    ("check corpus --no-cache -o out.txt", None),
    ("check corpus --no-cache --add-baseline ; check corpus --no-cache", None),
    ("check corpus --show-files", None),
    ("check corpus/repair.toml --show-settings", None),
    ("check - --stdin-filename x.md --no-cache", "corpus/moscow-times-nato-week.scraped.md"),
    ("check records.jsonl records.parquet --no-cache", None),
    ("check records.jsonl --no-cache --output-format json-lines", None),
    ("check records.jsonl corpus --no-cache --statistics", None),
    ("fix corpus --no-cache", None),
    ("fix corpus --no-cache --diff", None),
    ("fix corpus --no-cache --diff --unsafe-fixes", None),
    ("fix corpus --no-cache --output out --show-fixes", None),
    ("fix corpus --unsafe-fixes ; fix corpus", None),
    ("fix - --no-cache", "corpus/live-blog-hegseth-nato.scraped.txt"),
    ("fix - --no-cache --diff", "corpus/live-blog-hegseth-nato.scraped.txt"),
    ("fix records.jsonl --no-cache --output out.jsonl", None),
    ("fix records.parquet --no-cache --output out.parquet --unsafe-fixes", None),
    ("fix records.jsonl --no-cache --diff", None),
    ("score corpus --no-cache", None),
    ("score corpus --no-cache --output-format json", None),
    ("score corpus --output-format json ; score corpus --output-format json", None),
    ("score records.jsonl --no-cache --output-format json --reference-field fixed", None),
    (
        "score corpus/cnbc-munich-conference.machine-translated.txt --reference "
        "corpus/moscow-times-nato-week.clean.txt --no-cache",
        None,
    ),
    ("report corpus --no-cache --out rep", None),
    ("report records.jsonl corpus --no-cache --out rep", None),
    ("rules", None),
    ("rules PUN001", None),
    ("entities harvest corpus -o names.toml", None),
    ("entities check corpus/entities.toml", None),
)


def scratch_inputs(folder: Path) -> None:
    shutil.copytree(ROOT / "corpus", folder / "corpus")
    lines = (SHARED / "eval" / "mojibake" / "cases.jsonl").read_text(encoding="utf-8")
    cases = [json.loads(line) for line in lines.splitlines()[:40]]
    records = [
        json.dumps({"id": n, "text": c["original"], "fixed": c["fixed"]}, ensure_ascii=n % 2 == 0)
        + "\n"
        for n, c in enumerate(cases)
    ]
    records.insert(5, "not json\n")
    (folder / "records.jsonl").write_text("".join(records), encoding="utf-8")
    import pyarrow
    import pyarrow.parquet

    rows = [json.loads(line) for line in records if line.startswith("{")]
    table = pyarrow.table({"text": [r["text"] for r in rows], "n": [r["id"] for r in rows]})
    pyarrow.parquet.write_table(table, folder / "records.parquet")


def digests(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and ".repair_cache" not in path.parts:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
            found.append(f"  {path.relative_to(folder)} {digest}")
    return found


def run(code: Path, line: str, stdin: str | None) -> list[str]:
    out = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        scratch_inputs(folder)
        env = {**os.environ, "PYTHONPATH": str(code), "NO_COLOR": "1", "COLUMNS": "100"}
        env["REPAIR_CACHE_DIR"] = str(folder / ".repair_cache")
        for part in line.split(" ; "):
            given = (ROOT / stdin).read_bytes() if stdin else b""
            done = subprocess.run(
                [sys.executable, "-m", "repair", *part.split()],
                cwd=folder,
                input=given,
                capture_output=True,
                env=env,
                check=False,
            )
            text = (done.stdout + b"\n--stderr--\n" + done.stderr).decode("utf-8", "replace")
            out += [f"$ repair {part}  -> {done.returncode}", text.replace(scratch, "<tmp>")]
        out += ["files:", *digests(folder)]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to run")
    args = parser.parse_args()
    for line, stdin in COMMANDS:
        print("\n".join(run(args.code.resolve(), line, stdin)))


if __name__ == "__main__":
    main()
