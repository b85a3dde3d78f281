"""repair on Dask, for corpora larger than one machine (extra ``repair[dask]``).

:func:`repair_dataframe` maps the library's :func:`~repair.api.fix_text` (for a check,
:func:`~repair.api.check_text`) over the partitions of a Dask DataFrame. Only the settings
(a small frozen :class:`~repair.config.Config`) are shipped to the workers; word lists and
entity lists are loaded by each worker process on its first record and kept for the rest of
its life, since the library caches them per process. Every other column, and the order of
the rows of each partition, are left as they were, and each text comes out exactly as a
single-machine ``repair fix`` makes it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from repair.api import check_text, fix_text
from repair.config import Config
from repair.document import TextFormat
from repair.errors import RepairError
from repair.findings import Finding
from repair.registry import ALL_RULES

FAMILIES: Final = tuple(dict.fromkeys(rule.family for rule in ALL_RULES))
MALFORMED_COLUMN: Final = "repair_malformed"


def _require_dask() -> Any:
    try:
        import dask.dataframe
    except ImportError as error:
        raise RepairError(
            "--engine dask needs the dask extra: pip install 'repair[dask]'"
        ) from error
    return dask.dataframe


def count_column(family: str) -> str:
    return f"repair_{family.lower()}_findings"


def repair_dataframe(
    frame: Any,
    text_column: str = "text",
    *,
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
    with_findings: bool = False,
    fix: bool = True,
) -> Any:
    """``frame`` with ``text_column`` repaired, lazily, partition by partition.

    ``frame`` is a Dask DataFrame, or the path of a Parquet dataset or a JSONL file (or
    glob). With ``with_findings``, columns ``repair_<family>_findings`` count each text's
    findings by family (before repair) and ``repair_malformed`` marks records whose text is
    not a string; those are passed through unchanged. ``fix=False`` leaves the text alone
    (for a check).
    """
    dataframe = _require_dask()
    if isinstance(frame, str | Path):
        frame = read_dataset(frame)
    if text_column not in frame.columns:
        raise RepairError(
            f"no column {text_column!r} (columns: {', '.join(map(str, frame.columns))})"
        )
    settings = settings_for(config, options)
    meta = _partition_meta(frame._meta, text_column, with_findings)
    del dataframe
    return frame.map_partitions(
        repair_partition,
        text_column,
        settings,
        unsafe,
        with_findings,
        fix,
        meta=meta,
    )


def _partition_meta(meta: Any, text_column: str, with_findings: bool) -> Any:
    result = meta.copy()
    if with_findings:
        for family in FAMILIES:
            result[count_column(family)] = result.index.to_series().astype("int64")
        result[MALFORMED_COLUMN] = result.index.to_series().astype("bool")
    return result


def repair_partition(
    partition: Any,
    text_column: str,
    settings: Config,
    unsafe: bool,
    with_findings: bool,
    fix: bool,
) -> Any:
    """Repair one pandas partition (what each Dask task runs)."""
    import pandas

    result = partition.copy()
    texts = partition[text_column].tolist()
    fixed: list[Any] = []
    counts: dict[str, list[int]] = {family: [] for family in FAMILIES}
    malformed: list[bool] = []
    for value in texts:
        if not isinstance(value, str):
            fixed.append(value)
            malformed.append(True)
            for family in FAMILIES:
                counts[family].append(0)
            continue
        if fix:
            outcome = fix_text(value, config=settings, unsafe=unsafe, text_format=TextFormat.PLAIN)
            fixed.append(outcome.text)
            found: Sequence[Finding] = outcome.found
        else:  # a check: the findings, and no fix
            found = check_text(value, config=settings, text_format=TextFormat.PLAIN)
            fixed.append(value)
        malformed.append(False)
        if with_findings:
            tally = dict.fromkeys(FAMILIES, 0)
            for finding in found:
                family = finding.code.rstrip("0123456789")
                tally[family] = tally.get(family, 0) + 1
            for family in FAMILIES:
                counts[family].append(tally[family])
    if fix:
        column = partition[text_column]
        result[text_column] = pandas.Series(fixed, index=partition.index, dtype=column.dtype)
    if with_findings:
        for family in FAMILIES:
            result[count_column(family)] = pandas.Series(
                counts[family], index=partition.index, dtype="int64"
            )
        result[MALFORMED_COLUMN] = pandas.Series(malformed, index=partition.index, dtype="bool")
    return result


def read_dataset(path: str | Path, *, blocksize: str = "64MB") -> Any:
    """A Parquet dataset (file or folder) or JSONL file(s) as a Dask DataFrame.

    JSON values are read as they are: no dtype guessing, no date conversion.
    """
    dataframe = _require_dask()
    name = str(path)
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return dataframe.read_json(
            name, lines=True, blocksize=blocksize, dtype=False, convert_dates=False
        )
    return dataframe.read_parquet(name)


def write_dataset(frame: Any, output: str | Path, like: str | Path, *, compute: bool = True) -> Any:
    """Write ``frame`` to the folder ``output`` in the format of the input ``like``.

    With ``compute=False``, return the delayed write instead of running it.
    """
    target = Path(output)
    target.mkdir(parents=True, exist_ok=True)
    if _is_jsonl(like):
        return frame.to_json(
            str(target / "part-*.jsonl"),
            orient="records",
            lines=True,
            force_ascii=False,
            compute=compute,
        )
    return frame.to_parquet(str(target), write_index=False, compute=compute)


@contextlib.contextmanager
def start_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the scheduler at ``scheduler``, or of a new local cluster of processes
    (one single-threaded worker per core asked for), closed on exit.
    """
    _require_dask()
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise RepairError(
            "--engine dask needs the dask extra: pip install 'repair[dask]'"
        ) from error
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


def fix_dataset(
    dataset: str | Path,
    output: str | Path,
    *,
    text_column: str = "text",
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
    unsafe: bool = False,
) -> dict[str, int]:
    """Repair a dataset into the folder ``output`` (same format); counts of the run.

    Runs on the current Dask client (see :func:`start_client`). JSONL is written as the
    single-machine ``repair fix`` writes it: the parts, joined in order, are its output.
    """
    if _is_jsonl(dataset):
        return _fix_jsonl_lines(
            dataset, Path(output), text_column, settings_for(config, options), unsafe
        )
    frame = read_dataset(dataset)
    counted = repair_dataframe(
        frame, text_column, config=config, options=options, unsafe=unsafe, with_findings=True
    )
    from dask.base import compute

    malformed = counted[MALFORMED_COLUMN].sum()
    findings = sum(counted[count_column(family)].sum() for family in FAMILIES)
    writing = write_dataset(
        counted.drop(columns=list(_COUNT_COLUMNS)), output, dataset, compute=False
    )

    # One computation for the write and the counts, so each partition is repaired once.
    records, bad, found, _ = compute(  # type: ignore[no-untyped-call]
        counted.shape[0], malformed, findings, writing
    )
    return {"records": int(records), "malformed": int(bad), "findings": int(found)}


_COUNT_COLUMNS: Final = (*(count_column(family) for family in FAMILIES), MALFORMED_COLUMN)


def _is_jsonl(path: str | Path) -> bool:
    return str(path).endswith((".jsonl", ".ndjson", ".json"))


def settings_for(config: Config | None, options: Mapping[str, Any] | None) -> Config:
    """``config`` (the defaults when ``None``) with ``options`` applied."""
    settings = config or Config()
    return settings.with_options(options) if options else settings


def _fix_jsonl_lines(
    dataset: str | Path, target: Path, text_field: str, settings: Config, unsafe: bool
) -> dict[str, int]:
    """Repair JSONL as lines, not as a table: a table gives every record the other records'
    keys and retypes values, where each line must keep its bytes. Blocks end at a newline,
    and each is rewritten by the single-machine line writer into one part."""
    from dask.base import compute
    from dask.bytes.core import read_bytes
    from dask.delayed import delayed

    _, blocks = read_bytes(  # type: ignore[no-untyped-call]
        str(dataset), delimiter=b"\n", blocksize="64MB"
    )
    target.mkdir(parents=True, exist_ok=True)
    rewrite = delayed(_fix_jsonl_block)
    in_order = [block for file in blocks for block in file]
    width = len(str(max(len(in_order) - 1, 0)))  # names sort as the blocks: part-07, part-10
    writes = [
        rewrite(block, target / f"part-{number:0{width}d}.jsonl", text_field, settings, unsafe)
        for number, block in enumerate(in_order)
    ]
    parts = compute(*writes)  # type: ignore[no-untyped-call]
    return {key: sum(part[key] for part in parts) for key in ("records", "malformed", "findings")}


def _fix_jsonl_block(
    block: bytes, path: Path, text_field: str, settings: Config, unsafe: bool
) -> dict[str, int]:
    """Write the lines of ``block`` to ``path`` as :func:`repair.records.fix_records` writes
    them (a malformed line passed through as read); the block's counts."""
    from repair import engine
    from repair.document import Document
    from repair.records.jsonl import line_output, parse_line
    from repair.results import FileFix

    counts = {"records": 0, "malformed": 0, "findings": 0}
    with path.open("wb") as stream:
        for number, raw in enumerate(_lines(block), start=1):
            record, data = parse_line(number, raw, text_field)
            counts["records"] += 1
            if record.text is None:
                counts["malformed"] += 1
                stream.write(raw)
                continue
            doc = Document.from_text(record.text, path=str(number), text_format=TextFormat.PLAIN)
            try:
                outcome = engine.run(doc, settings, True, unsafe=unsafe)
            except RepairError:
                stream.write(raw)
                continue
            counts["findings"] += len(outcome.found)
            fixed = FileFix(str(number), original=doc, fixed_text=outcome.text)
            stream.write(line_output(raw, data, text_field, fixed))
    return counts


def _lines(block: bytes) -> list[bytes]:
    """The lines of ``block``, each with its ``\\n``, split as a file read in binary mode
    splits them (``bytes.splitlines`` also splits at a lone ``\\r``)."""
    lines = [line + b"\n" for line in block.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def check_dataset(
    dataset: str | Path,
    output: str | Path | None = None,
    *,
    text_column: str = "text",
    config: Config | None = None,
    options: Mapping[str, Any] | None = None,
) -> dict[str, int]:
    """Count findings by family over a dataset; with ``output``, write the per-record
    counts there as a Parquet dataset, one part per partition.
    """
    frame = read_dataset(dataset)
    counted = repair_dataframe(
        frame, text_column, config=config, options=options, with_findings=True, fix=False
    )
    columns = [count_column(family) for family in FAMILIES] + [MALFORMED_COLUMN]
    results = counted[columns]
    if output is not None:
        Path(output).mkdir(parents=True, exist_ok=True)
        results.to_parquet(str(output), write_index=False)
    totals = results.sum().compute()
    summary = {"records": int(results.shape[0].compute())}
    summary.update({family: int(totals[count_column(family)]) for family in FAMILIES})
    summary["malformed"] = int(totals[MALFORMED_COLUMN])
    return summary
