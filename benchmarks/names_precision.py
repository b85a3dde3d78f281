"""Name fixes on correct text: does a harvested entity list make `repair fix` rewrite names?

On the human references of the WMT20 zh-en MQM set (../shared/eval/mqm-zhen: the Human-A and
Human-B columns of references.tsv, and every ``*.ref.txt`` and ``*.Human-*.txt`` document
under docs/), an entity list is harvested from those same references (``repair entities
harvest``), and ``fix --unsafe-fixes`` runs over each text with that list. Every edit a NAM
rule makes there is a correct name rewritten: each is printed, and the target is none.

Then, on the MT outputs (segments.jsonl, MT systems only), the NAM findings are counted, with
the share whose span overlaps an error span the human raters marked: how often a name the
rules call misspelled is one the raters called wrong.

Usage: python benchmarks/names_precision.py [--eval DIR] [--min-count N] [--limit N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.precision import load_mt, overlaps_error, reference_texts, words
from repair import Config, check_text, fix_text
from repair.harvest import harvest_texts, render_toml


def name_edits(where: str, text: str, config: Config) -> list[str]:
    """One line per edit a NAM rule applies to ``text`` under ``--unsafe-fixes``."""
    result = fix_text(text, config=config, unsafe=True)
    lines = []
    for finding in result.applied:
        if not finding.code.startswith("NAM") or finding.fix is None:
            continue
        for edit in finding.fix.edits:
            lines.append(f"{where}: {finding.code} {finding.message} -> {edit.replacement!r}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mqm-zhen"
    parser.add_argument("--eval", type=Path, default=default, help="the mqm-zhen folder")
    parser.add_argument("--min-count", type=int, default=1, help="harvest's --min-count")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N MT records")
    args = parser.parse_args()
    if not (args.eval / "references.tsv").exists():
        print(f"no evaluation data in {args.eval}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    references = reference_texts(args.eval)
    names = harvest_texts((t for _, t in references), min_count=args.min_count)
    with tempfile.TemporaryDirectory() as folder:
        listed = Path(folder) / "harvested.toml"
        listed.write_text(render_toml(names), encoding="utf-8")
        every_rule = Config(select=("ALL",), entities=(str(listed),))
        names_only = Config(select=("NAM",), entities=(str(listed),))
        changes = [
            line for where, text in references for line in name_edits(where, text, every_rule)
        ]
        findings: Counter[str] = Counter()
        for _, text in references:
            findings.update(f.code for f in check_text(text, config=names_only))
        mt = load_mt(args.eval)[: args.limit or None]
        mt_found: Counter[str] = Counter()
        mt_hits: Counter[str] = Counter()
        mt_fixed: Counter[str] = Counter()
        for record in mt:
            target = str(record["target"])
            errors = list(record["errors"])  # type: ignore[call-overload]
            for finding in check_text(target, config=names_only):
                key = finding.code
                mt_found[key] += 1
                if finding.fix is not None and finding.fix.is_applicable(True):
                    mt_fixed[key] += 1
                if overlaps_error(finding.start, finding.end, errors):
                    mt_hits[key] += 1
    total_words = sum(words(t) for _, t in references)
    print(f"references: {len(references)} texts, {total_words} words")
    print(f"harvested list: {len(names)} names (min count {args.min_count})\n")
    print(f"names changed by fix --unsafe-fixes: {len(changes)} (target 0)")
    for line in changes:
        print(f"  {line}")
    print(f"\nNAM findings on the references: {sum(findings.values())} {dict(findings)}")
    print(f"\nMT outputs: {len(mt)} segments")
    print(f"{'rule':<8} {'findings':>8} {'with a fix':>10} {'in error span':>13}")
    for code in sorted(mt_found):
        share = 100 * mt_hits[code] / mt_found[code]
        print(f"{code:<8} {mt_found[code]:>8} {mt_fixed[code]:>10} {share:>12.0f}%")
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
