"""``python -m repair.batch``: the JSON Lines job of ``python -m repair --jsonl`` on a Dask cluster.

The inputs (local paths, globs or any fsspec URL) are cut into partitions: a file, or a block
of ``--blocksize`` bytes of one; a block owns the lines that start in it, and a compressed file
is one partition. A task repairs one partition and writes its answer lines, the same lines as
the command line's, to ``OUT_DIR/part-NNNNN.jsonl`` (through a temporary file, so a part file is
whole or absent). Running the job again into the same OUT_DIR skips the parts already written.

The gazetteer index is loaded once per worker, by a worker plugin that receives the settings
(a few values) and builds the Repairer as the service does (repair/config.py); tasks carry
only their partition. Grammar is off by default (``--grammar`` turns it on).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import time
from contextlib import ExitStack
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import IO, Any, cast

import fsspec
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker
from distributed.worker import Worker
from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem
from fsspec.utils import infer_compression
from tqdm import tqdm

from gazetteer.loader import GazetteerError
from repair import jsonl
from repair.cli import add_job_options, job_defaults, job_settings
from repair.config import REPAIRER_SETTINGS, build_repairer
from repair.errors import RepairError
from repair.jsonl import Counts, Job
from repair.models import RepairOptions

log = logging.getLogger(__name__)

PLUGIN = "repair-pipeline"
MANIFEST = "_partitions.json"
DEFAULT_BLOCKSIZE = 32 * 2**20
# Warms the name stage (word frequencies, first lookups) before the first partition.
_WARM_TEXT = "President Emanuel McCone met Donald Tus."


@dataclass(frozen=True)
class Partition:
    """Lines of one input: those starting in ``[offset, offset + length)``, or all (length None)."""

    number: int
    input: str
    offset: int = 0
    length: int | None = None
    compression: str | None = None

    @property
    def part(self) -> str:
        """The name of its output file."""
        return f"part-{self.number:05d}.jsonl"


@dataclass
class PartReport:
    """What one task did."""

    number: int
    worker: str
    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    # The worker process's CPU time during the task, grammar threads included: what the task
    # cost, however busy the machine (with several threads a worker, tasks side by side add up).
    cpu_seconds: float = 0.0
    skipped: bool = False


class PipelinePlugin(WorkerPlugin):
    """Builds the Repairer once on each worker, from the settings, as the service does."""

    name = PLUGIN

    def __init__(self, config: Mapping[str, Any], defaults: RepairOptions) -> None:
        self.config = {name: config[name] for name in REPAIRER_SETTINGS}
        self.defaults = defaults
        self.job: Job | None = None

    async def setup(self, worker: Worker) -> None:
        # Seconds of loading: off the worker's event loop, which must keep answering.
        self.job = await asyncio.to_thread(self._load)

    def _load(self) -> Job:
        repairer = build_repairer(self.config)
        if self.defaults.grammar:
            repairer.warm_up()
        else:
            repairer.repair(_WARM_TEXT, RepairOptions(grammar=False))
        return Job(repairer, self.defaults)

    def teardown(self, worker: Worker) -> None:
        if self.job is not None:
            self.job.repairer.close()


def plan(inputs: Sequence[str], *, blocksize: int = DEFAULT_BLOCKSIZE) -> list[Partition]:
    """The partitions of the inputs, in order; ``blocksize`` 0 makes one per file.

    :raises FileNotFoundError: an input matches no file.
    """
    partitions: list[Partition] = []
    for pattern in inputs:
        fs, path = url_to_fs(pattern)
        paths = sorted(fs.glob(path)) if _has_glob(path) else [path]
        if not paths or not all(fs.isfile(p) for p in paths):
            raise FileNotFoundError(f"no input file matches {pattern!r}")
        for path in paths:
            name = path if isinstance(fs, LocalFileSystem) else fs.unstrip_protocol(path)
            compression = infer_compression(path)
            size = fs.size(path)
            if compression is not None or blocksize <= 0 or size <= blocksize:
                partitions.append(Partition(len(partitions), name, compression=compression))
                continue
            for offset in range(0, size, blocksize):
                partitions.append(Partition(len(partitions), name, offset, blocksize))
    return partitions


def _has_glob(path: str) -> bool:
    return any(char in path for char in "*?[")


def repair_partition(partition: Partition, out_dir: str) -> PartReport:
    """The task: answer the partition's lines into its part file, unless that is written."""
    worker = get_worker()
    report = PartReport(partition.number, worker.address)
    fs, root = url_to_fs(out_dir)
    final = f"{root.rstrip('/')}/{partition.part}"
    if fs.exists(final):
        report.skipped = True
        return report
    plugin = cast(PipelinePlugin, worker.plugins[PLUGIN])
    assert plugin.job is not None, "the pipeline plugin is set up before any task runs"
    started, cpu = time.perf_counter(), time.process_time()
    temporary = f"{final}.{worker.id}.tmp"
    try:
        with fsspec.open(partition.input, "rb", compression=partition.compression) as source:
            with fs.open(temporary, "wb") as out:
                records = ((partition.input, offset, raw) for offset, raw in partition_lines(source, partition))
                report.counts = jsonl.run(records, plugin.job, out)
        fs.mv(temporary, final)
    except BaseException:
        if fs.exists(temporary):
            fs.rm(temporary)
        raise
    report.seconds = time.perf_counter() - started
    report.cpu_seconds = time.process_time() - cpu
    return report


def partition_lines(source: IO[bytes], partition: Partition) -> Iterator[tuple[int, bytes]]:
    """The lines a partition owns, with their byte offsets in the input."""
    if partition.length is None:
        yield from jsonl.lines(source)
        return
    position = 0
    if partition.offset > 0:
        # The line holding the byte before the block belongs to the block before.
        source.seek(partition.offset - 1)
        source.readline()
        position = source.tell()
    end = partition.offset + partition.length
    while position < end:
        raw = source.readline()
        if not raw:
            return
        yield position, raw
        position += len(raw)


@dataclass
class Summary:
    """What a job did, all partitions together."""

    partitions: int = 0
    skipped: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)
    seconds: float = 0.0
    cpu_seconds: float = 0.0

    @property
    def per_second(self) -> float:
        """Records answered per second of the job (loading excluded)."""
        return self.counts.answered / self.seconds if self.seconds else 0.0


def run_job(
    client: Client,
    inputs: Sequence[str],
    out_dir: str,
    *,
    config: Mapping[str, Any],
    defaults: RepairOptions,
    blocksize: int = DEFAULT_BLOCKSIZE,
    progress: bool = False,
) -> Summary:
    """Run the job on the cluster of ``client``; a partition that fails is reported, not fatal.

    :raises GazetteerError, ValueError: the settings cannot build a Repairer (on a worker).
    :raises FileNotFoundError: an input matches no file.
    :raises JobMismatch: OUT_DIR holds the parts of another job's partitions.
    """
    partitions = plan(inputs, blocksize=blocksize)
    _claim(out_dir, partitions)
    # Loads the gazetteer on every worker now, and on any worker that joins later.
    client.register_plugin(PipelinePlugin(config, defaults))
    summary = Summary(partitions=len(partitions))
    started = time.perf_counter()
    futures = client.map(repair_partition, partitions, out_dir=out_dir, pure=False)
    numbers = {future.key: partition.number for future, partition in zip(futures, partitions)}
    with tqdm(total=len(futures), unit=" parts", disable=not progress, file=sys.stderr) as bar:
        for future in as_completed(futures):
            try:
                report: PartReport = future.result()
            except Exception as exc:  # one partition (a vanished file, say) never stops the job
                summary.failed.append((numbers[future.key], repr(exc)))
            else:
                summary.skipped += report.skipped
                summary.counts.add(report.counts)
                summary.cpu_seconds += report.cpu_seconds
            bar.update()
    summary.failed.sort()
    summary.seconds = time.perf_counter() - started
    return summary


class JobMismatch(Exception):
    """OUT_DIR already holds the output of a job over other partitions."""


def _claim(out_dir: str, partitions: list[Partition]) -> None:
    # Part files are resumed by number, so a rerun must cut the inputs the same way.
    fs, root = url_to_fs(out_dir)
    fs.makedirs(root, exist_ok=True)
    manifest = f"{root.rstrip('/')}/{MANIFEST}"
    wanted = [asdict(p) for p in partitions]
    if fs.exists(manifest):
        with fs.open(manifest, "rb") as handle:
            if json.load(handle) != wanted:
                raise JobMismatch(
                    f"{out_dir} holds the output of a job over other inputs or blocks; use another directory"
                )
        return
    with fs.open(manifest, "wb") as handle:
        handle.write(json.dumps(wanted, indent=1).encode())


def parser() -> argparse.ArgumentParser:
    """The command's arguments."""
    cli = argparse.ArgumentParser(
        prog="python -m repair.batch",
        description="Repair a JSON Lines archive on a Dask cluster: the answers of python -m repair --jsonl, "
        "written per partition to OUT_DIR/part-NNNNN.jsonl.",
    )
    cli.add_argument("inputs", nargs="+", metavar="INPUT", help="JSON Lines files: paths, globs or fsspec URLs")
    cli.add_argument("--out", required=True, metavar="OUT_DIR", help="directory (or fsspec URL) for the part files")
    cli.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: a LocalCluster)")
    cli.add_argument("--workers", type=int, help="LocalCluster workers (default: one per core)")
    cli.add_argument("--threads-per-worker", type=int, default=1, help="LocalCluster threads per worker (default 1)")
    cli.add_argument("--memory-limit", default="auto", help="LocalCluster memory per worker (default: auto)")
    cli.add_argument(
        "--dashboard-address", default="127.0.0.1:8787", help="LocalCluster dashboard (default 127.0.0.1:8787)"
    )
    cli.add_argument(
        "--blocksize",
        type=int,
        default=DEFAULT_BLOCKSIZE,
        help=f"bytes of input per partition (default {DEFAULT_BLOCKSIZE:,}; 0: one per file)",
    )
    add_job_options(cli, grammar_default="off, for archives")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the job; 0 when every partition was written, 1 when one failed, 2 on a usage error."""
    args = parser().parse_args(argv)
    config = job_settings(args, os.environ)
    try:
        defaults = job_defaults(args, config, grammar=False)
    except RepairError as exc:
        print(f"repair.batch: error: {exc}", file=sys.stderr)
        return 2
    with ExitStack() as stack:
        client = _client(args, stack)
        print(f"Dask dashboard: {client.dashboard_link}", flush=True)
        try:
            summary = run_job(
                client,
                args.inputs,
                args.out,
                config=config,
                defaults=defaults,
                blocksize=args.blocksize,
                progress=sys.stderr.isatty(),
            )
        except (GazetteerError, ValueError, FileNotFoundError, JobMismatch) as exc:
            print(f"repair.batch: error: {exc}", file=sys.stderr)
            return 2
    _print_summary(summary, args.out)
    return 1 if summary.failed else 0


def _client(args: argparse.Namespace, stack: ExitStack) -> Client:
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=args.threads_per_worker,
            memory_limit=args.memory_limit,
            dashboard_address=args.dashboard_address,
            host="127.0.0.1",
        )
        stack.callback(cluster.close)
        client = Client(cluster)
    stack.callback(client.close)  # first, before the cluster
    return client


def _print_summary(summary: Summary, out: str) -> None:
    counts = summary.counts
    print(
        f"{counts.answered:,} records answered ({counts.errors:,} with an error) in {summary.seconds:.1f} s, "
        f"{summary.per_second:,.1f} per second; {summary.partitions} partitions in {out}"
        + (f", {summary.skipped} already written" if summary.skipped else ""),
    )
    for number, error in summary.failed:
        print(f"partition {number} failed (run again to retry it): {error}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
