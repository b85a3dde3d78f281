"""Measured precision of every rule on the WMT20 zh-en MQM set (../shared/eval/mqm-zhen).

Prints, per rule:
- findings per 10,000 words on the clean human references (Human-A and Human-B of
  references.tsv): noise, since a professional translation should raise almost nothing;
- on the machine translations (segments.jsonl, MT systems only), the number of findings and
  the share that overlap an error span marked by the human annotators: a measured precision.

Then the whole tool's budget on the references: findings per 2,000 words (target <= 1) and
segments changed by `repair fix` (target <= 1 in 200), and, on the MT outputs, how sentence
chrF against the reference moves under the safe fixes (rose / fell / stayed; it must never
fall). chrF needs sacrebleu (`pip install sacrebleu`); without it that part is skipped.

With --languagetool URL (a server scripts/languagetool.sh started: its `url` command gives
it), the LanguageTool part instead: per LanguageTool rule id, its matches on the references
(per 10,000 words) and on the MT outputs (count, share in an error span), whether repair's
LT001 keeps it by default, and the same figures for LT001 as it reports.

With --findings, instead: every finding of the default selection on every human reference
(the Human-A/B segments of references.tsv and each ``docs/*.ref.txt`` / ``docs/*.Human-*.txt``
document), one line each with its context, the texts the safe fix changes, and the total
against the budget of one false finding per 4,000 words. Each line is to be read: a slip of
the translator is a true finding, anything else is a false one.

Usage: python benchmarks/precision.py [--eval DIR] [--limit N] [--languagetool URL] [--findings]
"""

from __future__ import annotations

import argparse
import bisect
import csv
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from repair import Config, check_text, fix_text, languagetool
from repair.findings import Span
from repair.registry import ALL_RULES
from repair.rules import languagetool as lt_rule

WORD = re.compile(r"\w+")
# LanguageTool is measured apart (--languagetool): a request per segment would take hours.
ALL = Config(select=("ALL",), ignore=("LT",))


def load_references(folder: Path) -> list[str]:
    with (folder / "references.tsv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row[column] for row in rows for column in ("Human-A", "Human-B")]


def load_mt(folder: Path) -> list[dict[str, object]]:
    with (folder / "segments.jsonl").open(encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    return [r for r in records if not str(r["system"]).startswith("Human-")]


def reference_texts(folder: Path) -> list[tuple[str, str]]:
    """(where, text) of every human reference: segments of references.tsv, then documents."""
    texts = [(f"references.tsv:{n // 2 + 2}", t) for n, t in enumerate(load_references(folder))]
    docs = folder / "docs"
    for path in sorted([*docs.glob("*.ref.txt"), *docs.glob("*.Human-*.txt")]):
        texts.append((f"docs/{path.name}", path.read_text(encoding="utf-8")))
    return texts


def words(text: str) -> int:
    return len(WORD.findall(text))


def overlaps_error(start: int, end: int, errors: list[dict[str, object]]) -> bool:
    for error in errors:
        e_start, e_end = error.get("start"), error.get("end")
        if not isinstance(e_start, int) or not isinstance(e_end, int):
            continue
        if e_start == e_end:  # an omission marked at a point
            if start <= e_start <= end:
                return True
        elif start < e_end and e_start < max(end, start + 1):
            return True
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "mqm-zhen"
    parser.add_argument("--eval", type=Path, default=default, help="the mqm-zhen folder")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N MT records")
    parser.add_argument(
        "--languagetool", metavar="URL", help="measure LanguageTool's rules on this server"
    )
    parser.add_argument(
        "--findings",
        action="store_true",
        help="list every default finding on the human references, with its context",
    )
    args = parser.parse_args()
    if not (args.eval / "references.tsv").exists():
        print(f"no evaluation data in {args.eval}", file=sys.stderr)
        return 2
    if args.findings:
        return findings_report(args.eval)
    if args.languagetool:
        return languagetool_report(args.eval, args.languagetool, args.limit)

    started = time.perf_counter()
    references = load_references(args.eval)
    reference_words = sum(words(t) for t in references)
    clean_counts: Counter[str] = Counter()
    changed = 0
    for text in references:
        for finding in check_text(text, config=ALL):
            clean_counts[finding.code] += 1
        if fix_text(text).changed:
            changed += 1

    mt = load_mt(args.eval)
    if args.limit:
        mt = mt[: args.limit]
    mt_counts: Counter[str] = Counter()
    mt_hits: Counter[str] = Counter()
    for record in mt:
        target = str(record["target"])
        errors = list(record["errors"])  # type: ignore[call-overload]
        for finding in check_text(target, config=ALL):
            mt_counts[finding.code] += 1
            if overlaps_error(finding.start, finding.end, errors):
                mt_hits[finding.code] += 1

    print(f"references: {len(references)} segments, {reference_words} words")
    print(f"MT outputs: {len(mt)} segments, {sum(words(str(r['target'])) for r in mt)} words\n")
    print(
        f"{'rule':<8} {'name':<34} {'default':<7} {'per 10k words (refs)':>21} "
        f"{'MT findings':>11} {'in error span':>13}"
    )
    for rule in ALL_RULES:
        noise = 10_000 * clean_counts[rule.code] / max(reference_words, 1)
        found = mt_counts[rule.code]
        precision = f"{100 * mt_hits[rule.code] / found:.0f}%" if found else "-"
        print(
            f"{rule.code:<8} {rule.name:<34} {'yes' if rule.default else 'no':<7} "
            f"{noise:>21.2f} {found:>11} {precision:>13}"
        )

    default_codes = {rule.code for rule in ALL_RULES if rule.default}
    default_findings = sum(n for code, n in clean_counts.items() if code in default_codes)
    print(
        f"\nreferences, default rules: {2000 * default_findings / reference_words:.3f} "
        f"findings per 2,000 words (target <= 1)"
    )
    print(
        f"references: {changed} of {len(references)} segments changed by `repair fix` "
        f"(1 in {len(references) / changed if changed else float('inf'):.0f}; target <= 1 in 200)"
    )
    chrf_report(mt)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


def findings_report(folder: Path) -> int:
    """Every default finding on every human reference, in context, and the changed texts."""
    texts = reference_texts(folder)
    total_words = sum(words(text) for _, text in texts)
    found = 0
    for where, text in texts:
        for finding in check_text(text):
            found += 1
            before = text[max(0, finding.start - 50) : finding.start]
            after = text[finding.end : finding.end + 50]
            flagged = text[finding.start : finding.end]
            safety = finding.fix.applicability.name.lower() if finding.fix else "no fix"
            print(f"{where}: {finding.code} {finding.message} ({safety})")
            print(f"    ...{before}[{flagged}]{after}...".replace("\n", "⏎"))
        result = fix_text(text)
        if result.changed:
            codes = ", ".join(sorted({f.code for f in result.applied}))
            print(f"  changed by `repair fix`: {where} ({codes})")
    print(
        f"\n{found} default findings on {len(texts)} texts, {total_words} words: "
        f"{4000 * found / max(total_words, 1):.2f} per 4,000 words (false ones must be <= 1)"
    )
    return 0


def languagetool_matches(
    url: str, texts: list[str]
) -> list[list[tuple[int, int, languagetool.Match]]]:
    """Each text's raw LanguageTool matches as (start, end, match), texts sent in batches."""
    joined = "\n\n".join(texts)
    starts, offset = [], 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 2
    spans = [Span(start, start + len(text)) for start, text in zip(starts, texts, strict=True)]
    found: list[list[tuple[int, int, languagetool.Match]]] = [[] for _ in texts]
    checker = languagetool.HttpChecker(url, timeout=600)
    for span, match in languagetool.check_paragraphs(checker, joined, spans, "en"):
        index = bisect.bisect_right(starts, span.start) - 1
        found[index].append((span.start - starts[index], span.end - starts[index], match))
    return found


def languagetool_report(folder: Path, url: str, limit: int) -> int:
    """Per LanguageTool rule id: noise on the references, precision on the MT outputs; then
    LT001 as it reports them (precise rule ids; no spelling match on a name or common word)."""
    started = time.perf_counter()
    references = load_references(folder)
    mt = load_mt(folder)[: limit or None]
    reference_words = sum(words(t) for t in references)
    mt_texts = [str(r["target"]) for r in mt]
    print(f"references: {len(references)} segments, {reference_words} words")
    print(f"MT outputs: {len(mt)} segments, {sum(words(t) for t in mt_texts)} words\n")
    clean: Counter[str] = Counter()
    found: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    reported = Counter[str]()  # "clean", "found", "hits" for LT001 as reported
    for text, matches in zip(references, languagetool_matches(url, references), strict=True):
        for start, end, match in matches:
            clean[match.rule_id] += 1
            reported["clean"] += lt_rule.is_kept(match, text[start:end])
    for record, text, matches in zip(
        mt, mt_texts, languagetool_matches(url, mt_texts), strict=True
    ):
        errors = list(record["errors"])  # type: ignore[call-overload]
        for start, end, match in matches:
            found[match.rule_id] += 1
            in_span = overlaps_error(start, end, errors)
            hits[match.rule_id] += in_span
            if lt_rule.is_kept(match, text[start:end]):
                reported["found"] += 1
                reported["hits"] += in_span
    print(
        f"{'LanguageTool rule id':<44} {'LT001':<5} {'per 10k refs':>12} {'MT':>5} {'in span':>7}"
    )
    rows = sorted(set(clean) | set(found), key=lambda r: (-found[r] - clean[r], r))
    for rule_id in rows:
        share = f"{100 * hits[rule_id] / found[rule_id]:.0f}%" if found[rule_id] else "-"
        print(
            f"{rule_id:<44} {'yes' if lt_rule.rule_id_is_precise(rule_id) else 'no':<5} "
            f"{10_000 * clean[rule_id] / reference_words:>12.2f} {found[rule_id]:>5} {share:>7}"
        )
    share = f"{100 * reported['hits'] / reported['found']:.0f}%" if reported["found"] else "-"
    print(
        f"\nLT001 as reported: {10_000 * reported['clean'] / reference_words:.2f} per 10k words "
        f"on the references ({reported['clean']} findings); {reported['found']} on the MT "
        f"outputs, {share} in an error span"
    )
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


def chrf_report(mt: list[dict[str, object]]) -> None:
    try:
        from sacrebleu.metrics import CHRF
    except ImportError:
        print("\nchrF: sacrebleu is not installed; skipped")
        return
    chrf = CHRF()
    moves: dict[str, int] = defaultdict(int)
    worst: list[tuple[float, str, str]] = []
    for record in mt:
        target, reference = str(record["target"]), str(record["reference"])
        fixed = fix_text(target).text
        if fixed == target:
            moves["unchanged by fix"] += 1
            continue
        before = chrf.sentence_score(target, [reference]).score
        after = chrf.sentence_score(fixed, [reference]).score
        key = "rose" if after > before else "fell" if after < before else "stayed"
        moves[key] += 1
        if after < before:
            worst.append((after - before, target, fixed))
    print(f"\nchrF of MT outputs under safe fixes ({chrf.get_signature()}):")
    for key in ("rose", "stayed", "fell", "unchanged by fix"):
        print(f"  {key}: {moves[key]}")
    for delta, target, fixed in sorted(worst)[:5]:
        print(f"  fell {delta:.2f}: {target[:80]!r} -> {fixed[:80]!r}")


if __name__ == "__main__":
    raise SystemExit(main())
