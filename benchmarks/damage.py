"""Damage simulator: inject logged artefacts into clean text, run repair, measure what comes back.

Method. Clean English documents (default: the two human references of
../shared/eval/mqm-zhen, one document per newstest document and translator, one segment a
paragraph, half laid out with blank lines between paragraphs and half one paragraph a line) get
artefacts of the sample corpus's kinds, each one logged with its kind, form, span in the
damaged text and the original (benchmarks/damage_inject.py). Every fifth document stays clean:
the controls. The entity list is harvested from the same clean texts with repair's own harvester
(``repair entities harvest``) unless ``--entities`` gives one. Each damaged document is fixed
three ways (ftfy.fix_text alone, curly quotes kept; ``repair fix``; ``repair fix
--unsafe-fixes``; LanguageTool off) and compared with its clean original:

    closed     share of the Levenshtein distance (rapidfuzz) from damaged to clean that the fix
               removes, summed over documents: 1 - d(fixed, clean) / d(damaged, clean)
    worse      damaged documents whose fixed text is further from the clean one than before
    controls   control documents the fix changed at all (must be 0)
    false/1k   applied edits (replayed back onto the damaged text) that touch no injected
               artefact, per 1,000 clean words
    distance   a kind's share of all the edit distance its artefacts add
    detected   an artefact with a finding of the damaged text overlapping its span (+-1 char)
    restored   an artefact whose original is back in place: the clean text around it (24
               characters each side, or up to the next artefact) is found in the fixed text
               where the alignment of the fixed and the clean text puts it
    rule fix precision  per rule code, its applied edits, judged on the text of their pass:
               "right" = the fix restores the artefact it touches, alone or as one step of
               a repair that restores it in the end; "partial" = every edited character is
               a step toward the clean text but the artefact stays broken (e.g. a space
               where ". " was lost); "wrong" = anything else inside an artefact; "outside" =
               touches no artefact (a false edit); "controls" = edits on control documents;
               precision = right / edits

Run it from a worktree with that worktree's code:
    PYTHONPATH=/work/wt/you /work/wt/you/.venv/bin/python /work/wt/damage/benchmarks/damage.py
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import ftfy
from rapidfuzz.distance import Levenshtein

from repair.api import fix_text
from repair.config import Config
from repair.entities import read_entity_list
from repair.findings import Edit
from repair.fixer import FixResult, apply_edits
from repair.harvest import harvest_texts, render_toml
from repair.lexicon import zipf

if __package__:
    from benchmarks.damage_inject import (
        KINDS,
        Artefact,
        CleanDocument,
        DamagedDocument,
        restore,
        simulate,
    )
else:  # run as a script: this file's folder is sys.path[0], its sibling is found there
    from damage_inject import (  # type: ignore[import-not-found,no-redef]
        KINDS,
        Artefact,
        CleanDocument,
        DamagedDocument,
        restore,
        simulate,
    )

ROOT = Path(__file__).resolve().parent.parent
MQM = ROOT.parent / "shared" / "eval" / "mqm-zhen"
DEFAULT_SEED = 14
COMMON_WORD_ZIPF = 4.5
"""A name word this frequent in English ("State", "Bank") is not garbled as a name."""


# Clean documents ----------------------------------------------------------------------------


def mqm_documents(folder: Path = MQM) -> list[CleanDocument]:
    """The human references of mqm-zhen, one document per (newstest document, translator)."""
    rows: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    translators = ("Human-A", "Human-B")
    lines = (folder / "references.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        doc, doc_seg, _, human_a, human_b = line.split("\t")
        rows[doc].append((int(doc_seg), human_a, human_b))
    docs = []
    for index, (doc, segments) in enumerate(sorted(rows.items())):
        segments.sort()
        separator = "\n\n" if index % 2 == 0 else "\n"
        for column, translator in enumerate(translators):
            texts = [human[column].strip() for _, *human in segments]
            paragraphs = tuple(text for text in texts if text)
            docs.append(CleanDocument(f"{doc}.{translator}", paragraphs, separator, story=doc))
    return docs


def folder_documents(folder: Path) -> list[CleanDocument]:
    """Each .txt/.md file under ``folder``: paragraphs split at blank lines, else at lines."""
    docs = []
    for path in sorted([*folder.rglob("*.txt"), *folder.rglob("*.md")]):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        blank_lines = "\n\n" in text.strip()
        parts = text.split("\n\n") if blank_lines else text.split("\n")
        paragraphs = tuple(p.strip() for p in parts if p.strip())
        if paragraphs:
            name = str(path.relative_to(folder))
            docs.append(CleanDocument(name, paragraphs, "\n\n" if blank_lines else "\n", name))
    return docs


def entity_file(docs: Sequence[CleanDocument], given: Path | None, folder: Path) -> Path:
    """The entity list to use: ``given``, or one harvested from the clean texts."""
    if given is not None:
        return given
    harvested = harvest_texts(doc.text for doc in docs)
    path = folder / "harvested-entities.toml"
    path.write_text(render_toml(harvested, ["the clean texts of the damage simulator"]), "utf-8")
    return path


def name_words(path: Path) -> frozenset[str]:
    """Words of the listed names that can be garbled: capitalized, 4+ letters, not common."""
    words = set()
    for entity in read_entity_list(path):
        for form in entity.forms:
            for word in form.split():
                garbleable = len(word) >= 4 and word.isalpha() and word == word.capitalize()
                if garbleable and zipf(word.lower()) < COMMON_WORD_ZIPF:
                    words.add(word)
    return frozenset(words)


# Replaying the fixer's edits onto the damaged text -----------------------------------------


def _back_one_pass(start: int, end: int, edits: Sequence[Edit]) -> tuple[int, int]:
    """The span of the text before ``edits`` that ``[start, end)`` after them comes from."""
    new_starts, new_ends, shift = [], [], 0
    for edit in edits:
        new_starts.append(edit.start + shift)
        shift += len(edit.replacement) - (edit.end - edit.start)
        new_ends.append(new_starts[-1] + len(edit.replacement))

    def back(offset: int, is_end: bool) -> int:
        index = bisect.bisect_right(new_starts, offset) - 1
        if index < 0:
            return offset
        edit = edits[index]
        if offset < new_ends[index] or (is_end and offset == new_ends[index]):
            return edit.end if is_end else edit.start
        before = sum(len(e.replacement) - (e.end - e.start) for e in edits[: index + 1])
        return offset - before

    mapped_start, mapped_end = back(start, False), back(end, True)
    return mapped_start, max(mapped_start, mapped_end)


class AppliedEdit(NamedTuple):
    """An edit the fixer applied, located in the damaged text."""

    code: str
    start: int
    """Span in the damaged text (an edit of a later pass mapped back through earlier ones)."""
    end: int
    replacement: str
    pass_number: int
    fix: int
    """Index of its finding in ``FixResult.applied``."""
    edit: Edit
    """The edit as applied, in the text of its pass."""


def applied_edits(result: FixResult) -> list[AppliedEdit]:
    """Every applied edit of ``result``, its span mapped back onto the damaged text."""
    located = []
    findings = iter(enumerate(result.applied))
    for number, edits in enumerate(result.passes):
        taken = 0
        while taken < len(edits):
            index, finding = next(findings)
            assert finding.fix is not None
            taken += len(finding.fix.edits)
            for edit in finding.fix.edits:
                start, end = edit.start, edit.end
                for earlier in reversed(result.passes[:number]):
                    start, end = _back_one_pass(start, end, earlier)
                located.append(
                    AppliedEdit(finding.code, start, end, edit.replacement, number, index, edit)
                )
    return located


# Measuring ----------------------------------------------------------------------------------


def touches(start: int, end: int, a_start: int, a_end: int, margin: int = 1) -> bool:
    """True when ``[start, end)`` overlaps or comes within ``margin`` of ``[a_start, a_end)``."""
    return start <= a_end + margin - (start == end == a_end + margin) and end >= a_start - margin


CONTEXT = 24
"""Clean characters on each side of an artefact that must be back with it (fewer when the
next artefact is nearer)."""


def restored_artefacts(clean: str, fixed: str, artefacts: Sequence[Artefact]) -> list[bool]:
    """For each artefact, whether its original stands in the fixed text with its context.

    The clean text around the artefact, up to :data:`CONTEXT` characters each side (stopping
    at the neighbouring artefacts), is looked for in the fixed text near where the alignment
    of the two texts puts it. A span-overlap test on the alignment alone is not enough: a
    repeated phrase can be aligned a few characters off its place.
    """
    if fixed == clean:
        return [True] * len(artefacts)
    ops = Levenshtein.opcodes(clean, fixed)
    starts = [op.src_start for op in ops]

    def where(offset: int) -> int:
        op = ops[max(0, bisect.bisect_right(starts, offset) - 1)]
        return op.dest_start + min(offset - op.src_start, op.dest_end - op.dest_start)

    verdicts = []
    for index, artefact in enumerate(artefacts):
        low = artefact.clean_start - CONTEXT
        high = artefact.clean_end + CONTEXT
        if index:
            low = max(low, artefacts[index - 1].clean_end)
        if index + 1 < len(artefacts):
            high = min(high, artefacts[index + 1].clean_start)
        low, high = max(low, 0), min(high, len(clean))
        needle = clean[low:high]
        expected = where(low)
        window = fixed[max(0, expected - 2 * CONTEXT) : expected + len(needle) + 2 * CONTEXT]
        if high == len(clean):  # the end of the text is part of the context
            verdicts.append(
                fixed.endswith(needle) and len(fixed) - len(needle) >= expected - 2 * CONTEXT
            )
        elif low == 0:
            verdicts.append(fixed.startswith(needle))
        else:
            verdicts.append(needle in window)
    return verdicts


@dataclass
class RunFigures:
    """Totals of one way of fixing over the whole set."""

    name: str
    distance_before: int = 0
    distance_after: int = 0
    worse: list[str] = field(default_factory=list)
    controls_changed: list[str] = field(default_factory=list)
    false_edits: int = 0
    seconds: float = 0.0
    restored: Counter[str] = field(default_factory=Counter)
    restored_forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    rule_edits: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    rule_examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def closed(self) -> float:
        if not self.distance_before:
            return 0.0
        return 1.0 - self.distance_after / self.distance_before


@dataclass
class Totals:
    docs: int = 0
    controls: int = 0
    words: int = 0
    injected: Counter[str] = field(default_factory=Counter)
    detected: Counter[str] = field(default_factory=Counter)
    detected_forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    distance: Counter[str] = field(default_factory=Counter)
    """Edit distance each kind's artefacts add, original to damaged."""
    forms: Counter[tuple[str, str]] = field(default_factory=Counter)
    runs: dict[str, RunFigures] = field(default_factory=dict)


def _measure_run(
    figures: RunFigures, doc: DamagedDocument, fixed: str, result: FixResult | None
) -> None:
    before = Levenshtein.distance(doc.damaged, doc.clean)
    after = Levenshtein.distance(fixed, doc.clean)
    if doc.control:
        if fixed != doc.clean:
            figures.controls_changed.append(doc.name)
    else:
        figures.distance_before += before
        figures.distance_after += after
        if after > before:
            figures.worse.append(doc.name)
    restored = restored_artefacts(doc.clean, fixed, doc.artefacts)
    for artefact, back in zip(doc.artefacts, restored, strict=True):
        figures.restored[artefact.kind] += back
        figures.restored_forms[(artefact.kind, artefact.form)] += back
    if result is not None:
        _judge_edits(figures, doc, result, restored)


def _judge_edits(
    figures: RunFigures, doc: DamagedDocument, result: FixResult, restored: Sequence[bool]
) -> None:
    """Sort each applied edit: outside every artefact, or by what its fix does to the
    artefact it touches (see :func:`_verdict`)."""
    texts = [doc.damaged]
    for pass_edits in result.passes:
        texts.append(apply_edits(texts[-1], pass_edits))
    groups: dict[tuple[int, int | None], list[AppliedEdit]] = defaultdict(list)
    for applied in applied_edits(result):
        hit = next(
            (
                i
                for i, a in enumerate(doc.artefacts)
                if touches(applied.start, applied.end, a.start, a.end)
            ),
            None,
        )
        groups[(applied.fix, hit)].append(applied)
    for (_, hit), group in groups.items():
        text = texts[group[0].pass_number]
        verdict = "outside" if hit is None else _verdict(doc, hit, restored[hit], text, group)
        code = group[0].code
        figures.rule_edits[code][verdict] += len(group)
        if hit is None:
            figures.false_edits += len(group)
        else:
            figures.rule_edits[code][f"kind:{doc.artefacts[hit].kind}"] += len(group)
        if doc.control:
            figures.rule_edits[code]["on-controls"] += len(group)
        if verdict != "right" and len(figures.rule_examples[f"{code} {verdict}"]) < 3:
            figures.rule_examples[f"{code} {verdict}"].append(_example(doc, group[0], hit))


def _verdict(
    doc: DamagedDocument,
    hit: int,
    restored_at_end: bool,
    text: str,
    edits: Sequence[AppliedEdit],
) -> str:
    """What a fix's edits do to artefact ``hit``, applied to ``text``, the text of their pass.

    ``right``: they restore it, alone or as one step of a repair that restores it in the
    end (a mojibake paragraph takes one fix per broken sequence); ``partial``: each edited
    character is a step toward the clean text (the distance falls by the edits' own size)
    but the artefact stays broken; ``wrong``: anything else.
    """
    after = apply_edits(text, [e.edit for e in edits])
    if restored_artefacts(doc.clean, after, doc.artefacts)[hit]:
        return "right"
    cost = sum(
        Levenshtein.distance(text[e.edit.start : e.edit.end], e.edit.replacement) for e in edits
    )
    on_path = Levenshtein.distance(text, doc.clean) - Levenshtein.distance(after, doc.clean) == cost
    if on_path:
        return "right" if restored_at_end else "partial"
    return "wrong"


def _example(doc: DamagedDocument, applied: AppliedEdit, hit: int | None) -> str:
    start, end = applied.start, applied.end
    shown = _shown(doc.damaged[max(0, start - 25) : start])
    shown += f"[{_shown(doc.damaged[start:end])} -> {_shown(applied.replacement)}]"
    shown += _shown(doc.damaged[end : end + 25])
    if hit is not None:
        artefact = doc.artefacts[hit]
        shown += f"  ({artefact.kind}/{artefact.form}, original {artefact.original!r})"
    return f"{doc.name}: ...{shown}..."


def _shown(text: str) -> str:
    return text.replace("\n", "\u23ce")


def run(
    docs: Sequence[DamagedDocument], config: Config, *, ftfy_too: bool = True
) -> tuple[Totals, dict[str, list[str]]]:
    """Fix every document each way and add up the figures. Also returns the fixed texts."""
    totals = Totals()
    runs = ["repair fix", "repair fix --unsafe-fixes"] + (
        ["ftfy.fix_text alone"] if ftfy_too else []
    )
    totals.runs = {name: RunFigures(name) for name in runs}
    fixed_texts: dict[str, list[str]] = {name: [] for name in runs}
    for doc in docs:
        totals.docs += 1
        totals.controls += doc.control
        totals.words += doc.words
        results: dict[str, FixResult] = {}
        for name, unsafe in (("repair fix", False), ("repair fix --unsafe-fixes", True)):
            started = time.perf_counter()
            results[name] = fix_text(doc.damaged, config=config, unsafe=unsafe, path=_path(doc))
            totals.runs[name].seconds += time.perf_counter() - started
        found = results["repair fix"].found
        for artefact in doc.artefacts:
            totals.injected[artefact.kind] += 1
            totals.forms[(artefact.kind, artefact.form)] += 1
            totals.distance[artefact.kind] += Levenshtein.distance(
                artefact.original, artefact.damaged
            )
            detected = any(
                touches(f.span.start, f.span.end, artefact.start, artefact.end) for f in found
            )
            totals.detected[artefact.kind] += detected
            totals.detected_forms[(artefact.kind, artefact.form)] += detected
        for name, result in results.items():
            _measure_run(totals.runs[name], doc, result.text, result)
            fixed_texts[name].append(result.text)
        if ftfy_too:
            started = time.perf_counter()
            text = ftfy.fix_text(doc.damaged, uncurl_quotes=False)
            totals.runs["ftfy.fix_text alone"].seconds += time.perf_counter() - started
            _measure_run(totals.runs["ftfy.fix_text alone"], doc, text, None)
            fixed_texts["ftfy.fix_text alone"].append(text)
    return totals, fixed_texts


def _path(doc: DamagedDocument) -> str:
    return "document.md" if doc.name.endswith(".md") else "document.txt"


# Report --------------------------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "    -"


def figures_json(totals: Totals, seed: int) -> dict[str, Any]:
    runs = {}
    for name, figures in totals.runs.items():
        runs[name] = {
            "distance_closed": round(figures.closed, 4),
            "distance_before": figures.distance_before,
            "distance_after": figures.distance_after,
            "documents_worse": figures.worse,
            "controls_changed": figures.controls_changed,
            "false_edits": figures.false_edits,
            "false_edits_per_1000_words": round(1000.0 * figures.false_edits / totals.words, 3),
            "words_per_second": round(totals.words / figures.seconds) if figures.seconds else None,
            "restored": {k: figures.restored[k] for k in KINDS if totals.injected[k]},
            "restored_forms": {
                f"{k}/{f}": figures.restored_forms[(k, f)] for k, f in sorted(totals.forms)
            },
            "rules": {
                code: {**dict(counts), "precision": _precision(counts)}
                for code, counts in sorted(figures.rule_edits.items())
            },
            "examples": dict(figures.rule_examples),
        }
    return {
        "seed": seed,
        "documents": totals.docs,
        "controls": totals.controls,
        "words": totals.words,
        "injected": {k: totals.injected[k] for k in KINDS if totals.injected[k]},
        "detected": {k: totals.detected[k] for k in KINDS if totals.injected[k]},
        "distance": {k: totals.distance[k] for k in KINDS if totals.injected[k]},
        "forms": {f"{k}/{f}": n for (k, f), n in sorted(totals.forms.items())},
        "detected_forms": {
            f"{k}/{f}": totals.detected_forms[(k, f)] for k, f in sorted(totals.forms)
        },
        "runs": runs,
    }


VERDICTS = ("right", "partial", "wrong", "outside")


def _precision(counts: Counter[str]) -> float:
    fired = sum(counts[verdict] for verdict in VERDICTS)
    return round(counts["right"] / fired, 4) if fired else 0.0


SHORT_NAMES = {
    "repair fix": "default",
    "repair fix --unsafe-fixes": "unsafe",
    "ftfy.fix_text alone": "ftfy",
}


def print_report(
    totals: Totals, seconds: float, show_examples: bool, show_forms: bool = False
) -> None:
    print(__doc__.split("\n\nRun it")[0])
    print(
        f"\n{totals.docs} documents ({totals.controls} controls), {totals.words} clean words, "
        f"{sum(totals.injected.values())} artefacts; {seconds:.1f} s in all\n"
    )
    print(f"{'fix':<27} {'closed':>7} {'worse':>6} {'controls':>9} {'false/1k':>9} {'words/s':>8}")
    for name, figures in totals.runs.items():
        speed = f"{totals.words / figures.seconds:8.0f}" if figures.seconds else "       -"
        print(
            f"{name:<27} {100 * figures.closed:6.1f}% {len(figures.worse):>6} "
            f"{len(figures.controls_changed):>9} "
            f"{1000.0 * figures.false_edits / totals.words:>9.2f} {speed}"
        )
    names = list(totals.runs)
    all_distance = sum(totals.distance.values())
    print(
        f"\n{'kind':<10} {'injected':>8} {'distance':>9} {'detected':>9} "
        + " ".join(f"{'restored: ' + SHORT_NAMES[n]:>18}" for n in names)
    )
    for kind in KINDS:
        injected = totals.injected[kind]
        if not injected:
            continue
        print(
            f"{kind:<10} {injected:>8} {_share(totals.distance[kind], all_distance):>9} "
            f"{_share(totals.detected[kind], injected):>9} "
            + " ".join(f"{_share(totals.runs[n].restored[kind], injected):>18}" for n in names)
        )
    injected = sum(totals.injected.values())
    print(
        f"{'all':<10} {injected:>8} {_share(all_distance, all_distance):>9} "
        f"{_share(sum(totals.detected.values()), injected):>9} "
        + " ".join(f"{_share(sum(totals.runs[n].restored.values()), injected):>18}" for n in names)
    )
    if show_forms:
        print(
            f"\n{'kind/form':<52} {'injected':>8} {'detected':>9} "
            + " ".join(f"{SHORT_NAMES[n]:>8}" for n in names)
        )
        for form, count in sorted(totals.forms.items()):
            print(
                f"{'/'.join(form):<52} {count:>8} "
                f"{_share(totals.detected_forms[form], count):>9} "
                + " ".join(
                    f"{_share(totals.runs[n].restored_forms[form], count):>8}" for n in names
                )
            )
    for name in names[:2]:
        figures = totals.runs[name]
        print(f"\nrule fix precision, {name}:")
        print(
            f"  {'code':<7} {'edits':>6} "
            + " ".join(f"{verdict:>7}" for verdict in VERDICTS)
            + f" {'controls':>8} {'precision':>10}  kinds hit"
        )
        for code, counts in sorted(figures.rule_edits.items()):
            fired = sum(counts[verdict] for verdict in VERDICTS)
            kinds = ", ".join(
                f"{key[5:]} {n}" for key, n in counts.most_common() if key.startswith("kind:")
            )
            print(
                f"  {code:<7} {fired:>6} "
                + " ".join(f"{counts[verdict]:>7}" for verdict in VERDICTS)
                + f" {counts['on-controls']:>8} {100 * _precision(counts):>9.1f}%  {kinds}"
            )
        if show_examples:
            for key, examples in sorted(figures.rule_examples.items()):
                for example in examples:
                    print(f"    {key}: {example}")


def dump(folder: Path, docs: Sequence[DamagedDocument], fixed: dict[str, list[str]]) -> None:
    """The damaged, clean and fixed texts of every document, and the log as JSON lines."""
    folder.mkdir(parents=True, exist_ok=True)
    suffixes = {
        "repair fix": "fixed",
        "repair fix --unsafe-fixes": "unsafe",
        "ftfy.fix_text alone": "ftfy",
    }
    with (folder / "log.jsonl").open("w", encoding="utf-8") as log:
        for index, doc in enumerate(docs):
            stem = doc.name.replace("/", "_")
            (folder / f"{stem}.clean.txt").write_text(doc.clean, encoding="utf-8")
            (folder / f"{stem}.damaged.txt").write_text(doc.damaged, encoding="utf-8")
            for name, texts in fixed.items():
                (folder / f"{stem}.{suffixes[name]}.txt").write_text(texts[index], encoding="utf-8")
            record = {
                "document": doc.name,
                "control": doc.control,
                "level": round(doc.level, 3),
                "artefacts": [a.as_json() for a in doc.artefacts],
            }
            log.write(json.dumps(record, ensure_ascii=False) + "\n")


def damaged_set(
    docs: Sequence[CleanDocument],
    seed: int,
    names: frozenset[str],
    kinds: Sequence[str] = KINDS,
) -> list[DamagedDocument]:
    damaged = list(simulate(docs, seed=seed, kinds=kinds, names=names))
    for doc in damaged:
        assert restore(doc.damaged, doc.artefacts) == doc.clean, doc.name
    return damaged


def parse_kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in value.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown kinds {unknown}; known: {', '.join(KINDS)}")
    return kinds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--clean", type=Path, help="folder of clean .txt/.md files (default: mqm-zhen references)"
    )
    parser.add_argument(
        "--entities", type=Path, help="entity list (default: harvested from the clean texts)"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    parser.add_argument("--docs", type=int, help="only the first N documents (default: all)")
    parser.add_argument(
        "--kinds",
        type=parse_kinds,
        default=KINDS,
        help="inject only these kinds, comma-separated (default: all)",
    )
    parser.add_argument("--json", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--dump", type=Path, help="write damaged, clean, fixed texts and log.jsonl here"
    )
    parser.add_argument(
        "--examples",
        action="store_true",
        help="show up to 3 edits of each rule per verdict other than right",
    )
    parser.add_argument(
        "--forms", action="store_true", help="also print detected and restored per form"
    )
    parser.add_argument("--no-ftfy", action="store_true", help="skip the ftfy-alone baseline")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.clean is None and not (MQM / "references.tsv").exists():
        print(
            f"{MQM}: not found (../shared/eval beside the clone); give --clean DIR", file=sys.stderr
        )
        return 2
    clean = folder_documents(args.clean) if args.clean else mqm_documents()
    if args.docs:
        clean = clean[: args.docs]
    with tempfile.TemporaryDirectory(prefix="repair-damage-") as scratch:
        entities = entity_file(clean, args.entities, Path(scratch))
        names = name_words(entities)
        docs = damaged_set(clean, args.seed, names, args.kinds)
        config = Config(languagetool="off", entities=(str(entities.resolve()),))
        totals, fixed = run(docs, config, ftfy_too=not args.no_ftfy)
    print_report(totals, time.perf_counter() - started, args.examples, args.forms)
    if args.json:
        args.json.write_text(
            json.dumps(figures_json(totals, args.seed), indent=2, ensure_ascii=False) + "\n",
            "utf-8",
        )
    if args.dump:
        dump(args.dump, docs, fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
