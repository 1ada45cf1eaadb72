"""The Dask job (repair/batch.py) on a LocalCluster of two workers: every answer line equals the
service's answer for the same record (timings apart; records without a "grammar" field are
checked as the job's default says, off), in input order across partitions, which are files,
blocks of a file, or a whole compressed file, local or behind any fsspec URL. The gazetteer is
loaded once per worker, never per task. Per-record errors never stop the job; a rerun into the
same directory skips the parts already written; the command prints the dashboard link."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fsspec
import pytest
from distributed import Client, LocalCluster
from flask.testing import FlaskClient

import repair.batch
import repair.config
from gazetteer.index import NameIndex
from repair.batch import PLUGIN, JobMismatch, Partition, main, partition_lines, plan, run_job
from repair.config import default_options, settings
from repair.jsonl import lines as jsonl_lines
from tests.jsonl_records import (
    BAD_CODES,
    BAD_LINES,
    CONFIG,
    RECORDS,
    assert_service_answers,
    id_less,
    job_environment,
    jsonl_bytes,
    read_lines,
    service_app,
    write,
)

ROOT = Path(__file__).resolve().parent.parent
JOB_CONFIG = settings({}, CONFIG)
OFF = default_options(JOB_CONFIG, grammar=False)  # the job's default: grammar off for archives


@pytest.fixture(scope="module")
def service() -> Iterator[FlaskClient]:
    app = service_app()
    yield app.test_client()
    app.extensions["repair"].close()


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # Threads, not processes: quick to start on two cores, and the counting below can see them.
    # The scheduler serves HTTP even without a dashboard, on 8787 unless told: a free port here,
    # so that a cluster already on 8787 does not make it warn (an error in this suite).
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address="127.0.0.1:0"
    ) as cluster, Client(cluster) as client:
        yield client


def parts(out_dir: Path | str) -> list[dict[str, Any]]:
    """All answer lines of a job, part by part."""
    fs, root = fsspec.core.url_to_fs(str(out_dir))
    found: list[dict[str, Any]] = []
    for path in sorted(fs.glob(f"{root}/part-*.jsonl")):
        found.extend(read_lines(fs.cat_file(path)))
    return found


def split_inputs(tmp_path: Path) -> list[str]:
    """The records over three files: plain (cut into blocks), gzipped (one partition), plain."""
    first, second, third = RECORDS[:6], RECORDS[6:10], RECORDS[10:]
    write(tmp_path / "a-1.jsonl", jsonl_bytes(first, bad_lines=BAD_LINES))
    (tmp_path / "a-2.jsonl.gz").write_bytes(gzip.compress(jsonl_bytes(second)))
    write(tmp_path / "a-3.jsonl", jsonl_bytes(third))
    return [str(tmp_path / "a-[12].jsonl*"), str(tmp_path / "a-3.jsonl")]


def test_batch_answers_are_the_service_answers(
    tmp_path: Path, client: Client, service: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    load_index = repair.config.load_index

    def counting_load(paths: Any) -> NameIndex:
        loads.append("load")
        return load_index(paths)

    # The workers are threads of this process: they load through this module too.
    monkeypatch.setattr(repair.config, "load_index", counting_load)
    inputs = split_inputs(tmp_path)
    partitions = plan(inputs, blocksize=4096)
    assert len(partitions) >= 5 and [p.compression for p in partitions].count("gzip") == 1

    summary = run_job(client, inputs, str(tmp_path / "out"), config=JOB_CONFIG, defaults=OFF, blocksize=4096)
    assert summary.failed == [] and summary.partitions == len(partitions)
    assert summary.counts.answered == len(RECORDS) + len(BAD_LINES)
    lines = parts(tmp_path / "out")
    assert_service_answers(lines, service, grammar=False)
    bad = list(id_less(lines))
    assert [line["error"]["code"] for line in bad] == BAD_CODES
    assert {line["input"] for line in bad} == {str(tmp_path / "a-1.jsonl")}
    # Loaded once per worker, though the job had more partitions than workers.
    assert len(loads) == 2
    repairers = client.run(lambda dask_worker: id(dask_worker.plugins[PLUGIN].job.repairer))
    assert len(set(repairers.values())) == 2


def test_batch_lines_are_the_command_line_lines(tmp_path: Path, client: Client) -> None:
    data = jsonl_bytes(RECORDS, bad_lines=BAD_LINES)
    source = write(tmp_path / "records.jsonl", data)
    cli = subprocess.run(
        [sys.executable, "-m", "repair", "--jsonl", "--no-grammar", str(source)],
        capture_output=True,
        cwd=ROOT,
        env=job_environment(dict(os.environ)),
        timeout=300,
        check=True,
    )
    run_job(client, [str(source)], str(tmp_path / "out"), config=JOB_CONFIG, defaults=OFF, blocksize=1000)
    assert len(list((tmp_path / "out").glob("part-*.jsonl"))) > 3

    def without_timings(line: dict[str, Any]) -> dict[str, Any]:
        return {**line, "meta": {**line["meta"], "timings_ms": None}} if "meta" in line else line

    assert [without_timings(line) for line in parts(tmp_path / "out")] == [
        without_timings(line) for line in read_lines(cli.stdout)
    ]


def test_blocks_own_the_lines_that_start_in_them(tmp_path: Path) -> None:
    data = b"".join(b"x" * n + b"\n" for n in range(40)) + b"no newline at the end"
    source = write(tmp_path / "lines.jsonl", data)
    with open(source, "rb") as whole:
        expected = list(jsonl_lines(whole))
    for blocksize in (1, 7, 64, 100, len(data) - 1):
        found = []
        for partition in plan([str(source)], blocksize=blocksize):
            with open(source, "rb") as handle:
                found.extend(partition_lines(handle, partition))
        assert found == expected, blocksize


def test_a_rerun_skips_written_parts(tmp_path: Path, client: Client, service: FlaskClient) -> None:
    inputs = split_inputs(tmp_path)
    out = tmp_path / "out"
    first = run_job(client, inputs, str(out), config=JOB_CONFIG, defaults=OFF, blocksize=4096)
    written = {path.name: path.read_bytes() for path in out.glob("part-*.jsonl")}
    lost = sorted(written)[1]
    (out / lost).unlink()

    again = run_job(client, inputs, str(out), config=JOB_CONFIG, defaults=OFF, blocksize=4096)
    assert again.skipped == first.partitions - 1 and again.failed == []
    assert sorted(path.name for path in out.glob("*")) == sorted([*written, "_partitions.json"])
    assert_service_answers(parts(out), service, grammar=False)

    with pytest.raises(JobMismatch):
        run_job(client, inputs, str(out), config=JOB_CONFIG, defaults=OFF, blocksize=0)


def test_any_fsspec_url(client: Client, service: FlaskClient) -> None:
    # memory:// lives in this process, where the threaded workers run.
    fs = fsspec.filesystem("memory")
    fs.pipe("/batch-in/records.jsonl", jsonl_bytes(RECORDS))
    try:
        summary = run_job(
            client, ["memory://batch-in/*.jsonl"], "memory://batch-out", config=JOB_CONFIG, defaults=OFF, blocksize=2048
        )
        assert summary.failed == [] and summary.partitions > 2
        assert_service_answers(parts("memory://batch-out"), service, grammar=False)
    finally:
        fs.rm(["/batch-in", "/batch-out"], recursive=True)


def test_a_failed_partition_is_reported_and_the_rest_written(
    tmp_path: Path, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = split_inputs(tmp_path)
    partitions = plan(inputs, blocksize=0)
    # A file that vanishes between planning and its task fails its partition alone.
    vanishing = tmp_path / "a-3.jsonl"

    def plan_then_lose(*args: Any, **kwargs: Any) -> list[Partition]:
        planned = plan(*args, **kwargs)
        vanishing.unlink()
        return planned

    monkeypatch.setattr(repair.batch, "plan", plan_then_lose)
    summary = run_job(client, inputs, str(tmp_path / "out"), config=JOB_CONFIG, defaults=OFF, blocksize=0)
    assert [number for number, _error in summary.failed] == [len(partitions) - 1]
    assert "FileNotFoundError" in summary.failed[0][1]
    assert len(list((tmp_path / "out").glob("part-*.jsonl"))) == len(partitions) - 1


def test_the_command_on_a_scheduler(
    tmp_path: Path, client: Client, service: FlaskClient, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for key, value in job_environment({}).items():
        monkeypatch.setenv(key, value)
    inputs = split_inputs(tmp_path)
    status = main([*inputs, "--out", str(tmp_path / "out"), "--scheduler", client.scheduler.address, "--blocksize", "4096"])
    assert status == 0
    printed = capsys.readouterr().out
    assert "Dask dashboard:" in printed and f"{len(RECORDS) + len(BAD_LINES)} records answered" in printed
    assert_service_answers(parts(tmp_path / "out"), service, grammar=False)


def test_the_command_with_its_own_local_cluster(tmp_path: Path, service: FlaskClient) -> None:
    inputs = split_inputs(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "repair.batch", *inputs, "--out", str(tmp_path / "out"), "--workers", "1",
         "--dashboard-address", "127.0.0.1:0", "--grammar"],
        capture_output=True,
        cwd=ROOT,
        env=job_environment(dict(os.environ)),
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert "Dask dashboard: http://127.0.0.1:" in done.stdout.decode()
    assert_service_answers(parts(tmp_path / "out"), service, grammar=True)


def test_workers_get_only_the_settings_the_pipeline_needs() -> None:
    config = settings({"REPAIR_ADMIN_TOKEN": "s3cret"}, CONFIG)
    plugin = repair.batch.PipelinePlugin(config, OFF)
    assert "ADMIN_TOKEN" not in plugin.config and plugin.config["GAZETTEER_BASE"] == CONFIG["GAZETTEER_BASE"]
