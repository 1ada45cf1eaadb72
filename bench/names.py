"""Development benchmark for name repair: damage officials' names in real text, repair, score.

Run: ``.venv/bin/python bench/names.py`` (``--help`` for options). It needs the shared
development set (``--devset``, default ``../shared/data/devset`` beside the repository) and
loads the gazetteer the service ships (``gazetteer/data``), as the app does.

1. Texts: the development set's records (real government readouts, officials annotated) and a
   few passages of our own (bench/traps.py), each as it is (clean copies) and in ``--copies``
   seeded, corrupted copies (bench/corrupt.py: one kind of damage per damaged place).
2. Systems, in the same run: no change; a naive RapidFuzz scan of every official's surname per
   capitalised word (on ``--naive-sample`` corrupted copies and their clean records: it takes
   seconds a text); and this service (``repair_text`` with grammar off).
3. Figures (bench/score.py): precision, recall, F1, false edits per 10,000 words of clean
   text, recall per damage kind, the trap passages one by one, and speed: the name stage's
   median time per 5 KB article, and how many times faster than the naive scan it is.

Speed: this service is timed on 5 KB articles, made by joining corrupted copies of records
until 5,000 characters are reached; each is repaired ``--repeat`` times and its median time
scaled to exactly 5,000 characters. The naive scan, whose cost is per word, is timed once per
sampled text and scaled to 5,000 characters likewise. Figures are reported against the
targets; nothing is asserted, and the exit code is 0 unless the benchmark cannot run.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import random
import statistics
import sys
import textwrap
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corrupt import KIND_HELP, KINDS, SUGGEST_ONLY, Sample, clean_samples, corrupt_all  # noqa: E402
from bench.devset import Record, load_records  # noqa: E402
from bench.naive import NaiveScan, NoChange, Service, System  # noqa: E402
from bench.real import real_samples  # noqa: E402
from bench.score import Fix, Tally, judge  # noqa: E402
from bench.traps import PASSAGES, TRAPS, Trap  # noqa: E402
from gazetteer.index import NameIndex  # noqa: E402
from gazetteer.index import load_index as load_shipped_index  # noqa: E402
from gazetteer.loader import DEFAULT_PATHS  # noqa: E402
from repair.names import load_word_frequencies  # noqa: E402

DEFAULT_DEVSET = ROOT.parent / "shared" / "data" / "devset"
# The record sets a run can score: the corpus's held-out part is never read while tuning
# (bench/train_scorer.py reads devset and dev only), so its figures are the ones to trust.
PARTS = {
    "heldout": ROOT / "bench" / "corpus" / "heldout",
    "dev": ROOT / "bench" / "corpus" / "dev",
    "devset": DEFAULT_DEVSET,
}
ARTICLE_CHARS = 5000
TARGET_PRECISION = 0.99
TARGET_RECALL = 0.90
TARGET_FALSE_EDITS = 0.5
TARGET_KIND_RECALL = 0.80
TARGET_MS = 2.0
TARGET_FIRST_SIGHT_MS = 3.0
TARGET_SPEEDUP = 1000.0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        description="Development benchmark for name repair (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument(
        "--part", choices=sorted(PARTS), default="heldout",
        help="which records: the corpus's held-out part (never tuned on), its dev part, or the "
        "shared devset (tuned on)",
    )
    parser.add_argument("--devset", type=Path, default=None, help="a folder of NNN.json records instead of --part")
    parser.add_argument("--seed", type=int, default=1, help="seed of the corruption and of the samples")
    parser.add_argument("--copies", type=int, default=2, help="corrupted copies of each record")
    parser.add_argument("--rate", type=float, default=0.5, help="share of a text's name occurrences damaged")
    parser.add_argument("--sample", type=int, default=0, help="use only this many records (0: all)")
    parser.add_argument(
        "--naive-sample", type=int, default=8, help="corrupted texts for the naive scan (0: skip it)"
    )
    parser.add_argument("--naive-cutoff", type=float, default=90.0, help="WRatio score_cutoff, naive scan")
    parser.add_argument("--repeat", type=int, default=5, help="timed repairs of each 5 KB article")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--show-misses", type=int, nargs="?", const=40, default=None, metavar="N",
        help="list the N most instructive false edits, wrong repairs and misses (0: all)",
    )
    return parser.parse_args(argv)


def load_index() -> tuple[NameIndex, float]:
    """The shipped gazetteer, indexed as the app does it (gazetteer.index.load_index), and the
    seconds taken."""
    started = time.perf_counter()
    index = load_shipped_index(DEFAULT_PATHS)
    return index, time.perf_counter() - started


@dataclass
class Result:
    """One system's run: figures, trap edits and the seconds each corrupted text took."""

    tally: Tally
    traps: dict[str, list[Fix]]
    seconds: list[tuple[Sample, float]] = field(default_factory=list)


def evaluate(
    system: System, corrupted: Sequence[Sample], clean: Sequence[Sample], traps: Sequence[Trap]
) -> Result:
    """Run a system over every text and judge it."""
    tally = Tally()
    seconds = []
    for sample in corrupted:
        started = time.perf_counter()
        fixes = system.fixes(sample.text)
        seconds.append((sample, time.perf_counter() - started))
        tally.add(judge(sample, fixes))
    for sample in clean:
        tally.add(judge(sample, system.fixes(sample.text)))
    trap_fixes = {trap.id: system.fixes(trap.text) for trap in traps}
    return Result(tally, trap_fixes, seconds)


def build_articles(samples: Sequence[Sample], size: int = ARTICLE_CHARS) -> list[str]:
    """Texts of at least ``size`` characters, each a run of whole samples joined by blank lines."""
    articles: list[str] = []
    current: list[str] = []
    for sample in samples:
        current.append(sample.text)
        if sum(map(len, current)) + 2 * (len(current) - 1) >= size:
            articles.append("\n\n".join(current))
            current = []
    return articles


def time_service(service: Service, articles: Sequence[str], repeat: int) -> dict[str, Any]:
    """Median wall time of the name stage per 5 KB article, and the pipeline's own figure."""
    wall: list[float] = []
    stage: list[float] = []
    for article in articles:
        scale = ARTICLE_CHARS / len(article)
        runs, stages = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            service.fixes(article)
            runs.append((time.perf_counter() - started) * 1000)
            stages.append(service.last_names_ms)
        wall.append(statistics.median(runs) * scale)
        stage.append(statistics.median(stages) * scale)
    return {
        "articles": len(articles),
        "mean_chars": statistics.mean(map(len, articles)) if articles else 0,
        "repeat": repeat,
        "median_ms_per_5kb": statistics.median(wall) if wall else None,
        "p90_ms_per_5kb": _quantile(wall, 0.9),
        "pipeline_names_median_ms_per_5kb": statistics.median(stage) if stage else None,
    }


def time_first_sight(samples: Sequence[Sample]) -> float | None:
    """Median ms per 5 KB of articles the process has not seen, once each.

    The name stage keeps per-word answers (similar surnames, comparisons, word frequencies,
    the scorer's probabilities); the passes above, over these very texts, filled them. So a
    fresh process loads the gazetteer, is warmed on the corrupted texts of half the records,
    then repairs each article made of the other half's texts once: the steady state of a
    service meeting new articles.
    """
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result: float | None = pool.apply(_first_sight_in_this_process, (list(samples),))
    return result


def _first_sight_in_this_process(samples: Sequence[Sample]) -> float | None:
    index, _seconds = load_index()
    load_word_frequencies()  # as the service does at start
    service = Service(index)
    records = sorted({s.record_id for s in samples})
    seen = set(records[: len(records) // 2])
    for sample in samples:
        if sample.record_id in seen:
            service.fixes(sample.text)
    timings = []
    for article in build_articles([s for s in samples if s.record_id not in seen]):
        started = time.perf_counter()
        service.fixes(article)
        timings.append((time.perf_counter() - started) * 1000 * ARTICLE_CHARS / len(article))
    return _median(timings)


def _quantile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def per_5kb_ms(seconds: Iterable[tuple[Sample, float]]) -> list[float]:
    """Each text's time in ms, scaled to 5,000 characters."""
    return [s * 1000 * ARTICLE_CHARS / len(sample.text) for sample, s in seconds]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    args = parse_args(argv)
    devset = (args.devset or PARTS[args.part]).resolve()
    if not devset.is_dir() or not any(devset.glob("*.json")):
        raise SystemExit(
            f"no records at {devset}: pass --part or --devset DIR (a folder of NNN.json records; "
            "the shared devset is ../shared/data/devset beside the repository)"
        )
    records = load_records(devset)
    if args.sample:
        chosen = random.Random(args.seed).sample(records, min(args.sample, len(records)))
        records = sorted(chosen, key=lambda r: r.id)
    # Our own passages are fitted on (bench/train_scorer.py): they join the tuned-on parts only.
    passages = () if args.devset is None and args.part == "heldout" else PASSAGES
    texts: list[Record] = [*records, *passages]

    index, load_seconds = load_index()
    corrupted = corrupt_all(texts, index, seed=args.seed, copies=args.copies, rate=args.rate)
    clean = clean_samples(texts)

    service = Service(index)
    load_word_frequencies()
    service.fixes("President Emanuel McCone met Donald Tus.")  # warm caches before timing

    results: dict[str, Result] = {}
    results["no change"] = evaluate(NoChange(), corrupted, clean, TRAPS)
    results["this service"] = evaluate(service, corrupted, clean, TRAPS)
    real = evaluate(service, real_samples(), (), ())
    devset_corrupted = [s for s in corrupted if s.source == "devset"]
    # Copy 0 of every record, then copy 1 ...: an article never holds one record twice.
    by_copy = sorted(devset_corrupted, key=lambda s: (int(s.id.rpartition("#")[2]), s.id))
    speed = time_service(service, build_articles(by_copy), args.repeat)
    speed["per_text_median_ms_per_5kb"] = _median(per_5kb_ms(results["this service"].seconds))
    speed["first_sight_median_ms_per_5kb"] = time_first_sight(by_copy)

    naive_sample: list[Sample] = []
    if args.naive_sample:
        pool = [s for s in devset_corrupted if s.id.endswith("#0")]
        naive_sample = sorted(
            random.Random(args.seed).sample(pool, min(args.naive_sample, len(pool))), key=lambda s: s.id
        )
        ids = {s.record_id for s in naive_sample}
        naive_clean = [s for s in clean if s.record_id in ids]
        print(f"naive scan: {len(naive_sample)} corrupted and {len(naive_clean)} clean texts, "
              f"{len(TRAPS)} traps (seconds each) ...", file=sys.stderr, flush=True)
        naive = NaiveScan(index, cutoff=args.naive_cutoff)
        results["naive rapidfuzz"] = evaluate(naive, naive_sample, naive_clean, TRAPS)
        results["this service, same texts"] = evaluate(service, naive_sample, naive_clean, ())
        results["this service, same texts"].traps = results["this service"].traps
        speed["naive_median_ms_per_5kb"] = _median(per_5kb_ms(results["naive rapidfuzz"].seconds))
        ours = speed["median_ms_per_5kb"]
        speed["speedup"] = speed["naive_median_ms_per_5kb"] / ours if ours else None

    figures = report(args, devset, records, index, load_seconds, corrupted, clean, results, speed, real)
    if args.show_misses is not None:
        show_misses(results["this service"], args.show_misses)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _f(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def report(
    args: argparse.Namespace,
    devset: Path,
    records: Sequence[Record],
    index: NameIndex,
    load_seconds: float,
    corrupted: Sequence[Sample],
    clean: Sequence[Sample],
    results: dict[str, Result],
    speed: dict[str, Any],
    real: Result,
) -> dict[str, Any]:
    """Print the figures and return them for JSON."""
    ours = results["this service"].tally
    damages = [d for s in corrupted for d in s.damages]
    print(f"Name repair: development benchmark (seed {args.seed}, {args.copies} corrupted copies "
          f"per text, damage rate {args.rate})")
    passages = len({s.record_id for s in clean}) - len(records)
    print(f"texts:     {len(records)} records of {devset} + {passages} passages of our own "
          f"(bench/traps.py)")
    print(f"corrupted: {len(corrupted)} copies, {len(damages)} damaged places: {ours.damaged} of officials "
          f"the gazetteer knows, {ours.unknown_damaged} of officials it lacks, "
          f"{ours.suggest_only} suggestion-only")
    print(f"clean:     {len(clean)} texts, {ours.clean_words:,} words; traps: {len(TRAPS)} passages")
    print(f"gazetteer: {len(index):,} entries (version {index.gazetteer.version}), loaded and indexed "
          f"in {load_seconds:.1f} s\n")

    header = f"{'system':<34}{'precision':>10}{'recall':>8}{'F1':>7}{'false edits':>13}{'traps':>8}{'ms/5 KB':>10}"
    print(header)
    print(f"{'':<34}{'':>10}{'':>8}{'':>7}{'/10k words':>13}{'touched':>8}{'median':>10}")
    print("-" * len(header))
    times = {
        "no change": None,
        "this service": speed.get("median_ms_per_5kb"),
        "naive rapidfuzz": speed.get("naive_median_ms_per_5kb"),
    }
    for name, result in results.items():
        tally = result.tally
        touched = sum(1 for fixes in result.traps.values() if any(f.applied for f in fixes))
        traps = f"{touched}/{len(result.traps)}" if result.traps else "-"
        label = name
        if name != "no change" and name != "this service":
            label = f"{name} ({len([v for v in tally.verdicts if not v.sample.clean])} texts)"
        print(f"{label:<34}{_f(tally.precision):>10}{_f(tally.recall):>8}{_f(tally.f1):>7}"
              f"{_f(tally.false_edits_per_10k, 2):>13}{traps:>8}{_f(times.get(name), 2):>10}")
    print("precision: right applied fixes (partial repairs too) / applied fixes (corrupted copies); recall: "
          "damaged places\nrestored, officials the gazetteer knows; rows with a count ran on that many corrupted "
          "texts and their clean records.")

    naive = results.get("naive rapidfuzz")
    print(f"\n{'recall by damage kind':<22}{'places':>7}{'service':>9}{'naive':>7}  what")
    print("-" * 100)
    for kind in KINDS:
        if kind in SUGGEST_ONLY:
            continue
        naive_recall = _f(naive.tally.kind_recall(kind), 2) if naive else "-"
        print(f"{kind:<22}{ours.damaged_by_kind[kind]:>7}{_f(ours.kind_recall(kind), 2):>9}{naive_recall:>7}  "
              f"{KIND_HELP[kind]}")
    unknown = ours.unknown_restored / ours.unknown_damaged if ours.unknown_damaged else None
    print(f"\nofficials the gazetteer lacks: {ours.unknown_restored}/{ours.unknown_damaged} restored "
          f"({_f(unknown, 2)}); not in recall")
    print(f"heard_word (suggestion only): {ours.suggest_listed}/{ours.suggest_only} listed as a suggestion, "
          f"{ours.suggest_applied} applied though suggestion-only (not in precision when right)")
    print(f"false edits in corrupted copies: {ours.false_edits}; wrong repairs: "
          f"{sum(len(v.wrong_fixes) for v in ours.verdicts)}; partial repairs (right as far as they go, "
          f"in precision as right, restoring nothing): {ours.partial}; precision with them counted wrong: "
          f"{_f(ours.strict_precision, 4)}")
    mt = real.tally
    print(f"real machine-translation damage (bench/corpus/real, fitted on): {mt.restored}/{mt.damaged} repaired, "
          f"{mt.suggest_listed}/{mt.suggest_only} heard words suggested, {mt.false_edits} false edits, "
          f"{sum(len(v.wrong_fixes) for v in mt.verdicts)} wrong repairs")

    print(f"\n{'trap':<6}{'service':>8}{'naive':>7}  tests")
    print("-" * 72)
    trap_rows = []
    for trap in TRAPS:
        mine = results["this service"].traps[trap.id]
        applied = [f for f in mine if f.applied]
        theirs = naive.traps[trap.id] if naive else []
        listed = len(mine) - len(applied)
        note = "" if not listed else f" ({listed} listed, not applied)"
        print(f"{trap.id:<6}{len(applied):>8}{len([f for f in theirs if f.applied]) if naive else '-':>7}  "
              f"{trap.tests}{note}")
        for fix in applied:
            print(f"{'':<14}-> {fix.original!r} -> {fix.replacement!r}: {fix.reason}")
        trap_rows.append({
            "id": trap.id, "tests": trap.tests, "applied": [f._asdict() for f in applied],
            "listed": listed, "naive_applied": len([f for f in theirs if f.applied]) if naive else None,
        })

    print("\nspeed (name stage, grammar off)")
    print("-" * 72)
    print(f"this service, {speed['articles']} articles of ~{speed['mean_chars']:,.0f} chars, median of "
          f"{speed['repeat']} runs each, per 5 KB:")
    print(f"  wall time of repair_text: median {_f(speed['median_ms_per_5kb'], 2)} ms, "
          f"p90 {_f(speed['p90_ms_per_5kb'], 2)} ms")
    print(f"  the pipeline's timings_ms['names']: median {_f(speed['pipeline_names_median_ms_per_5kb'], 2)} ms")
    print(f"  each corrupted text alone, scaled to 5 KB: median {_f(speed['per_text_median_ms_per_5kb'], 2)} ms")
    print(f"  first sight (articles not seen before, caches warmed on other records): median "
          f"{_f(speed['first_sight_median_ms_per_5kb'], 2)} ms")
    if "naive_median_ms_per_5kb" in speed:
        print(f"naive rapidfuzz, {len(naive.seconds) if naive else 0} texts, scaled to 5 KB: median "
              f"{speed['naive_median_ms_per_5kb']:,.0f} ms")
        print(f"this service is {_f(speed['speedup'], 0)}x faster")

    targets = _targets(ours, results["this service"].traps, speed)
    print("\ntargets (this service, full gazetteer)")
    print("-" * 72)
    for name, value, goal, met in targets:
        print(f"{name:<44}{value:>12}  {goal:<10}{'met' if met else 'NOT MET'}")
    # A few hundred fixes and places measure a rate only so closely: say how closely.
    intervals = {
        "precision": wilson_interval(ours.correct + ours.partial, ours.applied),
        "recall": wilson_interval(ours.restored, ours.damaged),
    }
    print("95% intervals (Wilson): " + "; ".join(
        f"{name} {_f(low, 3)} to {_f(high, 3)}" for name, (low, high) in intervals.items()
    ))

    return {
        "config": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "dataset": {
            "records": len(records), "passages": passages, "corrupted_copies": len(corrupted),
            "damaged_places": len(damages), "clean_texts": len(clean), "traps": len(TRAPS),
            "gazetteer_entries": len(index), "gazetteer_version": index.gazetteer.version,
        },
        "systems": {name: r.tally.figures() for name, r in results.items()},
        "real_damage": real.tally.figures(),
        "traps": trap_rows,
        "speed": speed,
        "targets": [{"name": n, "value": v, "goal": g, "met": m} for n, v, g, m in targets],
        "intervals_95": {name: list(bounds) for name, bounds in intervals.items()},
    }


def wilson_interval(successes: int, trials: int, z: float = 1.96) -> tuple[float | None, float | None]:
    """The Wilson score interval of a rate (95% for the default ``z``): where the rate of the
    world's text may lie, given what this sample of it shows."""
    if trials == 0:
        return None, None
    rate = successes / trials
    centre = (rate + z * z / (2 * trials)) / (1 + z * z / trials)
    spread = z * math.sqrt(rate * (1 - rate) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def _targets(tally: Tally, traps: dict[str, list[Fix]], speed: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    touched = sum(1 for fixes in traps.values() if any(f.applied for f in fixes))
    ms = speed.get("median_ms_per_5kb")
    first_sight = speed.get("first_sight_median_ms_per_5kb")
    speedup = speed.get("speedup")
    kinds = [(tally.kind_recall(kind), kind) for kind in KINDS if tally.damaged_by_kind[kind]]
    weakest_recall, weakest = min(kinds, key=lambda pair: pair[0] or 0.0) if kinds else (None, "-")

    def at_least(value: float | None, goal: float) -> bool:
        return value is not None and value >= goal

    def at_most(value: float | None, goal: float) -> bool:
        return value is not None and value <= goal

    return [
        (f"precision ({tally.correct + tally.partial}/{tally.applied})", _f(tally.precision, 4), f">= {TARGET_PRECISION}",
         at_least(tally.precision, TARGET_PRECISION)),
        (f"recall ({tally.restored}/{tally.damaged})", _f(tally.recall, 4), f">= {TARGET_RECALL}",
         at_least(tally.recall, TARGET_RECALL)),
        ("false edits per 10,000 words of clean text", _f(tally.false_edits_per_10k, 2),
         f"<= {TARGET_FALSE_EDITS}", at_most(tally.false_edits_per_10k, TARGET_FALSE_EDITS)),
        (f"recall of the weakest damage kind ({weakest})", _f(weakest_recall, 2), f">= {TARGET_KIND_RECALL}",
         at_least(weakest_recall, TARGET_KIND_RECALL)),
        ("traps touched", str(touched), "0", touched == 0),
        ("name stage, median ms per 5 KB article", _f(ms, 2), f"<= {TARGET_MS}", at_most(ms, TARGET_MS)),
        ("the same, an article never seen before", _f(first_sight, 2), f"<= {TARGET_FIRST_SIGHT_MS}",
         at_most(first_sight, TARGET_FIRST_SIGHT_MS)),
        ("times faster than the naive scan", _f(speedup, 0), f">= {TARGET_SPEEDUP:.0f}",
         at_least(speedup, TARGET_SPEEDUP)),
    ]


def show_misses(result: Result, limit: int) -> None:
    """The most instructive failures first: trap edits, false edits on clean text, false edits
    and wrong repairs in corrupted text, then misses, taking each damage kind in turn."""
    lines: list[str] = []
    for trap in TRAPS:
        for fix in result.traps[trap.id]:
            if fix.applied:
                lines.append(_fix_line("TRAP EDIT", trap.id, trap.text, fix))
    verdicts = result.tally.verdicts
    for verdict in verdicts:
        if verdict.sample.clean:
            lines += [_fix_line("FALSE EDIT", f"{verdict.sample.id} clean", verdict.sample.text, f)
                      for f in verdict.false_edits]
    for verdict in verdicts:
        if not verdict.sample.clean:
            lines += [_fix_line("FALSE EDIT", verdict.sample.id, verdict.sample.text, f) for f in verdict.false_edits]
    for verdict in verdicts:
        for damage, fixes in verdict.wrong:
            got = "; ".join(f"{f.original!r} -> {f.replacement!r} ({f.reason})" for f in fixes)
            lines.append(
                f"WRONG      {verdict.sample.id} {damage.kind} ({damage.detail}): {damage.damaged!r} was "
                f"{damage.original!r}; applied {got}\n{_context(verdict.sample.text, damage.start, damage.end)}"
            )
        for fix in verdict.premature:
            lines.append(_fix_line("APPLIED (suggest only)", verdict.sample.id, verdict.sample.text, fix))
        for damage in verdict.partly_restored:
            got = "; ".join(f"{f.original!r} -> {f.replacement!r}" for f in verdict.partial
                            if f.start < damage.end and damage.start < f.end)
            lines.append(
                f"PARTIAL    {verdict.sample.id} {damage.kind} ({damage.detail}): {damage.damaged!r} was "
                f"{damage.original!r}; applied {got}\n{_context(verdict.sample.text, damage.start, damage.end)}"
            )
    by_kind: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for verdict in verdicts:
        for damage, hint in sorted(verdict.missed, key=lambda m: m[1] is None):
            if not damage.known and damage.kind not in SUGGEST_ONLY:
                continue
            listed = f"; listed {hint.replacement!r} at {hint.confidence:.2f} ({hint.reason})" if hint else ""
            by_kind[damage.kind].append(
                f"MISS       {verdict.sample.id} {damage.kind} ({damage.detail}): {damage.damaged!r} was "
                f"{damage.original!r} ({damage.official}){listed}\n"
                f"{_context(verdict.sample.text, damage.start, damage.end)}"
            )
    # Near misses (a fix listed below the apply threshold) first within each kind, then kinds in turn.
    for kind in by_kind:
        by_kind[kind].sort(key=lambda line: "; listed" not in line.split("\n")[0])
    lines += _round_robin(list(by_kind.values()))
    print(f"\nmisses and false edits of this service ({len(lines)} in all"
          f"{'' if not limit or limit >= len(lines) else f', the first {limit}'})")
    print("-" * 72)
    for line in lines[: limit or None]:
        print(line)


def _round_robin(groups: list[list[str]]) -> list[str]:
    out: list[str] = []
    for row in range(max(map(len, groups), default=0)):
        out += [group[row] for group in groups if row < len(group)]
    return out


def _fix_line(label: str, where: str, text: str, fix: Fix) -> str:
    return (f"{label:<10} {where}: {fix.original!r} -> {fix.replacement!r} at {fix.confidence:.2f} "
            f"({fix.reason})\n{_context(text, fix.start, fix.end)}")


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    snippet = f"{before}[[{text[start:end]}]]{after}".replace("\n", " / ")
    return textwrap.indent(snippet, "           ... ") + " ..."


if __name__ == "__main__":
    sys.exit(main())
