"""The command line: ``python -m repair [--json | --jsonl] [FILE ...]``.

Configured as the service is (``REPAIR_*`` variables, same defaults), so each answer is the one
``POST /v1/repair`` gives for the same text. Without FILE, or with ``-``, it reads standard input.

- plain: the repaired text of each input;
- ``--json``: the API's whole answer for each input, one JSON document per line;
- ``--jsonl``: JSON Lines of records in, one answer line per record out (repair/jsonl.py);
  with ``--out`` the job resumes: records already answered in that file are skipped.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from typing import IO, Any

from tqdm import tqdm

from gazetteer.loader import GazetteerError
from repair import jsonl
from repair.config import build_repairer, default_options, settings
from repair.errors import RepairError
from repair.jsonl import Counts, Done, Job
from repair.languages import normalize_language
from repair.models import RepairOptions

STDIN = "-"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; 0 when every input was answered, 1 when one failed, 2 on a usage error."""
    args = parser().parse_args(argv)
    try:
        job = make_job(args, os.environ, grammar=True)
    except (GazetteerError, RepairError, ValueError) as exc:
        print(f"repair: error: {exc}", file=sys.stderr)
        return 2
    try:
        with ExitStack() as stack:
            out = stack.enter_context(_output(args))
            status = _run_jsonl(args, job, out) if args.jsonl else _run_texts(args, job, out)
            out.flush()
            return status
    except BrokenPipeError:  # `python -m repair ... | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:
        job.repairer.close()


def parser() -> argparse.ArgumentParser:
    """The command's arguments; ``repair.batch`` shares the options of a job."""
    cli = argparse.ArgumentParser(
        prog="python -m repair",
        description="Repair officials' names in articles, as the service does, and print the result.",
    )
    cli.add_argument("inputs", nargs="*", metavar="FILE", help="article (or JSON Lines) files; '-' or none: stdin")
    form = cli.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print the API's whole answer for each input")
    form.add_argument(
        "--jsonl",
        action="store_true",
        help='read JSON Lines records {"id", "text", ...}; write one answer line per record',
    )
    cli.add_argument("--out", metavar="PATH", help="write here, not to stdout; with --jsonl, resume the job in it")
    add_job_options(cli, grammar_default="on, as the service")
    return cli


def add_job_options(cli: argparse.ArgumentParser, *, grammar_default: str) -> None:
    """The options a record may override, and the thresholds: as in the service's settings."""
    cli.add_argument("--language", help="language of records that give none (default: en-US)")
    cli.add_argument("--mode", choices=("apply", "suggest"), help="mode of records that give none (default: apply)")
    cli.add_argument(
        "--grammar",
        action=argparse.BooleanOptionalAction,
        help=f"check grammar in records that do not say (default: {grammar_default}); "
        "the engine is REPAIR_GRAMMAR_ENGINE's",
    )
    cli.add_argument("--apply-threshold", type=float, metavar="X", help="default: REPAIR_APPLY_THRESHOLD or 0.8")
    cli.add_argument("--suggest-threshold", type=float, metavar="X", help="default: REPAIR_SUGGEST_THRESHOLD or 0.45")


def job_settings(args: argparse.Namespace, environ: Mapping[str, str]) -> dict[str, Any]:
    """The service's settings from ``environ``, with the thresholds given on the command line."""
    overrides: dict[str, Any] = {}
    if args.apply_threshold is not None:
        overrides["APPLY_THRESHOLD"] = args.apply_threshold
    if args.suggest_threshold is not None:
        overrides["SUGGEST_THRESHOLD"] = args.suggest_threshold
    return settings(environ, overrides)


def job_defaults(args: argparse.Namespace, config: Mapping[str, Any], *, grammar: bool) -> RepairOptions:
    """A record's options before its own fields.

    :raises UnknownLanguage: ``--language`` is not a known code (found now, not per record).
    """
    choices: dict[str, Any] = {"grammar": grammar if args.grammar is None else args.grammar}
    if args.language is not None:
        normalize_language(args.language)
        choices["language"] = args.language
    if args.mode is not None:
        choices["mode"] = args.mode
    return default_options(config, **choices)


def make_job(args: argparse.Namespace, environ: Mapping[str, str], *, grammar: bool) -> Job:
    """The Repairer built from the settings, as the app builds it, and the records' defaults."""
    config = job_settings(args, environ)
    defaults = job_defaults(args, config, grammar=grammar)
    return Job(build_repairer(config), defaults)


def _output(args: argparse.Namespace) -> AbstractContextManager[IO[bytes]]:
    if args.out is None:
        return nullcontext(sys.stdout.buffer)  # flushed at exit, never closed
    # JSON Lines are appended to what an earlier run wrote (resume); other forms start anew.
    return open(args.out, "ab" if args.jsonl else "wb")


def _run_texts(args: argparse.Namespace, job: Job, out: IO[bytes]) -> int:
    failed = False
    for name in args.inputs or [STDIN]:
        try:
            text = _read_text(name)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"repair: {name}: {exc}", file=sys.stderr)
            failed = True
            continue
        answer = jsonl.answer({"text": text}, job)
        if args.json:
            out.write(jsonl.dumps(answer))
        elif "error" in answer:
            print(f"repair: {name}: {answer['error']['message']} ({answer['error']['code']})", file=sys.stderr)
        else:
            out.write(answer["text"].encode("utf-8"))
        failed = failed or "error" in answer
    return 1 if failed else 0


def _read_text(name: str) -> str:
    # Bytes in, decoded here: exactly the text, "\r\n" and all, as a client would send it.
    if name == STDIN:
        return sys.stdin.buffer.read().decode("utf-8")
    with open(name, "rb") as handle:
        return handle.read().decode("utf-8")


def _run_jsonl(args: argparse.Namespace, job: Job, out: IO[bytes]) -> int:
    names = args.inputs or [STDIN]
    done = jsonl.resume(args.out) if args.out is not None else None
    try:
        total = None if STDIN in names else sum(_count_lines(name) for name in names)
    except OSError as exc:
        print(f"repair: {exc}", file=sys.stderr)
        return 1
    # A bar only for a person watching: never in a log or a pipe.
    with tqdm(total=total, unit=" records", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
        try:
            counts = jsonl.run(_progress(_records(names), bar), job, out, done=done)
        except OSError as exc:
            print(f"repair: {exc}", file=sys.stderr)
            return 1
    _report(counts, done, args.out)
    return 0


def _records(names: Sequence[str]) -> Iterator[tuple[str, int, bytes]]:
    for name in names:
        with ExitStack() as stack:
            stream = sys.stdin.buffer if name == STDIN else stack.enter_context(open(name, "rb"))
            for offset, raw in jsonl.lines(stream):
                yield name, offset, raw


def _progress(records: Iterator[tuple[str, int, bytes]], bar: tqdm[Any]) -> Iterator[tuple[str, int, bytes]]:
    for record in records:
        yield record
        bar.update()


def _count_lines(name: str) -> int:
    count = 0
    last = b"\n"
    with open(name, "rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def _report(counts: Counts, done: Done | None, out: str | None) -> None:
    summary = f"repair: {counts.answered:,} records answered ({counts.errors:,} with an error)"
    if done is not None and counts.skipped:
        summary += f", {counts.skipped:,} skipped as already in {out}"
    print(summary, file=sys.stderr)
