"""The long fuzzing run: a million generated and mutated inputs through every property.

    python -m tests.fuzz.long_run --inputs 1000000 --jobs 2

Input `i` is made from `random.Random(f"{seed}:{i}")` alone, so any input can be made
again from the seed and its number (`--only i`). The cheap properties (never raises,
spans valid, under a second) run on every input; determinism and fixes on every
`--thorough-every`-th input; at the end, a sample is re-checked in two fresh processes
with different PYTHONHASHSEED values. A failing input is saved under
`tests/fuzz/crashes/<hash>/` (the case as JSON, the traceback, how it was made).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import random
import re
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from .generators import pick_generator, seeds
from .hashseed import differing
from .properties import TIME_LIMIT, Case, PropertyFailure, check_case, clear_caches, run_check

CRASHES = Path(__file__).resolve().parent / "crashes"
HANG_SECONDS = 20  # an input still running after this is a hang (SIGALRM)
SAVED_PER_SIGNATURE = 3
PROGRESS_EVERY = 5000
HASHSEED_EVERY = 2000  # one input in this many goes to the PYTHONHASHSEED comparison


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"still running after {HANG_SECONDS} s")


def make_input(seed: int, index: int) -> tuple[str, Case]:
    r = random.Random(f"{seed}:{index}")
    kind, make = pick_generator(r)
    return kind, make(r)


@dataclass
class Tally:
    tried: Counter[str] = field(default_factory=Counter)
    thorough: int = 0
    fixes_applied: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    saved: list[str] = field(default_factory=list)
    signatures: Counter[str] = field(default_factory=Counter)
    slowest: tuple[float, int, str, int] = (0.0, -1, "", 0)  # seconds, index, kind, size
    hashseed_sample: list[int] = field(default_factory=list)

    def merge(self, other: Tally) -> None:
        self.tried.update(other.tried)
        self.thorough += other.thorough
        self.fixes_applied += other.fixes_applied
        self.failures.update(other.failures)
        self.saved.extend(other.saved)
        self.signatures.update(other.signatures)
        self.slowest = max(self.slowest, other.slowest)
        self.hashseed_sample.extend(other.hashseed_sample)


def _signature(kind: str, detail: str) -> str:
    detail = re.sub(r"\d+", "#", detail)
    lines = [line for line in detail.strip().splitlines() if line.strip()]
    frames = [line.strip() for line in lines if line.strip().startswith("File ")]
    where = frames[-1] if frames else ""
    return f"{kind}|{where}|{lines[-1] if lines else ''}"


def save_failure(case: Case, seed: int, index: int, made_as: str, kind: str, detail: str) -> str:
    blob = json.dumps(case.to_json(), ensure_ascii=True, sort_keys=True)
    digest = hashlib.sha1(blob.encode()).hexdigest()[:16]
    folder = CRASHES / digest
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.json").write_text(blob + "\n", encoding="utf-8")
    (folder / "failure.txt").write_text(
        f"property: {kind}\nseed: {seed}\nindex: {index}\ngenerator: {made_as}\n"
        f"reproduce: python -m tests.fuzz.long_run --seed {seed} --only {index}\n\n{detail}\n",
        encoding="utf-8",
    )
    return str(folder.relative_to(CRASHES.parents[2]))


def run_one(seed: int, index: int, thorough: bool, tally: Tally) -> None:
    made_as, case = make_input(seed, index)
    tally.tried[made_as] += 1
    size = len(case.text) + sum(len(t) for t in case.companions.values())
    signal.alarm(HANG_SECONDS)
    try:
        outcome = check_case(case, thorough=thorough)
        if outcome.seconds > TIME_LIMIT:
            clear_caches()
            started = time.perf_counter()
            run_check(case.files, case.path)
            again = time.perf_counter() - started
            if again > TIME_LIMIT:
                raise PropertyFailure("slow", f"{outcome.seconds:.3f} s, then {again:.3f} s")
            outcome.seconds = again  # a pause of the machine, not of the input
    except (PropertyFailure, Hang, RecursionError, MemoryError) as error:
        signal.alarm(0)
        kind = error.kind if isinstance(error, PropertyFailure) else type(error).__name__
        detail = str(error) if isinstance(error, PropertyFailure) else traceback.format_exc()
        tally.failures[kind] += 1
        signature = _signature(kind, detail)
        tally.signatures[signature] += 1
        if tally.signatures[signature] <= SAVED_PER_SIGNATURE:
            tally.saved.append(save_failure(case, seed, index, made_as, kind, detail))
        return
    finally:
        signal.alarm(0)
    if thorough:
        tally.thorough += 1
        tally.fixes_applied += outcome.fixed
    if outcome.seconds > tally.slowest[0]:
        tally.slowest = (outcome.seconds, index, made_as, size)


def worker(args: tuple[int, int, int, int, int, Any]) -> Tally:
    seed, start, stop, step, thorough_every, progress = args
    signal.signal(signal.SIGALRM, _alarm)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    tally = Tally()
    for done, index in enumerate(range(start, stop, step), 1):
        run_one(seed, index, index % thorough_every == 0, tally)
        if index % HASHSEED_EVERY == 0:
            tally.hashseed_sample.append(index)
        if done % PROGRESS_EVERY == 0 and progress is not None:
            progress.put(PROGRESS_EVERY)
    return tally


def retime(case: Case, times: int = 3) -> float:
    """The input's check time with empty parse caches, best of `times`: the long run's
    slowest time can be a pause of a busy machine, this is the input's own cost."""
    best = float("inf")
    for _ in range(times):
        clear_caches()
        started = time.perf_counter()
        run_check(case.files, case.path)
        best = min(best, time.perf_counter() - started)
    return best


def _format_summary(summary: dict[str, Any]) -> str:
    lines = [
        f"inputs tried: {summary['inputs']:,} in {summary['seconds']:.0f} s "
        f"({summary['per_second']:.0f}/s, {summary['jobs']} jobs)",
        f"thorough (determinism + fixes): {summary['thorough']:,}; fixes applied: "
        f"{summary['fixes_applied']:,}",
        f"hash-seed comparison: {summary['hashseed_checked']} inputs, "
        f"{len(summary['hashseed_differing'])} differing",
        f"failures: {sum(summary['failures'].values())} {dict(summary['failures'])}",
        "slowest: {seconds:.3f} s, input {index} ({kind}, {size} chars); re-timed alone "
        "with empty caches: {retimed:.4f} s".format(**summary["slowest"]),
        "by kind:",
        *(f"  {k}: {v:,}" for k, v in sorted(summary["by_kind"].items())),
    ]
    if summary["saved"]:
        lines.append("saved:")
        lines.extend(f"  {path}" for path in summary["saved"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--thorough-every", type=int, default=10)
    parser.add_argument("--only", type=int, help="check input number ONLY, with every property")
    parser.add_argument("--summary", default="/tmp/pyscript-config-fuzz-summary.json")
    options = parser.parse_args(argv)
    if options.only is not None:
        made_as, case = make_input(options.seed, options.only)
        print(f"input {options.only} ({made_as}):")
        print(json.dumps(case.to_json(), ensure_ascii=False, indent=2))
        outcome = check_case(case, thorough=True)
        print(f"ok: {outcome.diagnostics} diagnostics in {outcome.seconds:.3f} s")
        print(f"re-timed with empty caches, best of 3: {retime(case):.4f} s")
        return 0
    print(f"{len(seeds())} seed files; {options.inputs:,} inputs, seed {options.seed}", flush=True)
    started = time.perf_counter()
    manager = multiprocessing.Manager()
    progress = manager.Queue()
    jobs = max(1, options.jobs)
    tasks = [
        (options.seed, j, options.inputs, jobs, options.thorough_every, progress)
        for j in range(jobs)
    ]
    total = Tally()
    with multiprocessing.Pool(jobs) as pool:
        pending = pool.map_async(worker, tasks)
        done = 0
        while not pending.ready():
            pending.wait(timeout=5)
            while not progress.empty():
                done += progress.get()
            elapsed = time.perf_counter() - started
            if done:
                print(f"{done:,} inputs, {elapsed:.0f} s, {done / elapsed:.0f}/s", flush=True)
        for tally in pending.get():
            total.merge(tally)
    elapsed = time.perf_counter() - started
    sample = sorted(total.hashseed_sample)
    cases = [make_input(options.seed, i)[1] for i in sample]
    differs = [sample[i] for i in differing(cases)] if cases else []
    for index in differs:
        made_as, case = make_input(options.seed, index)
        total.failures["hashseed"] += 1
        total.saved.append(
            save_failure(case, options.seed, index, made_as, "hashseed", "differs by hash seed")
        )
    inputs = sum(total.tried.values())
    seconds, index, kind, size = total.slowest
    retimed = retime(make_input(options.seed, index)[1]) if index >= 0 else 0.0
    summary = {
        "command": "python -m tests.fuzz.long_run "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "seed": options.seed,
        "jobs": jobs,
        "inputs": inputs,
        "seconds": elapsed,
        "per_second": inputs / elapsed if elapsed else 0.0,
        "thorough": total.thorough,
        "fixes_applied": total.fixes_applied,
        "hashseed_checked": len(cases),
        "hashseed_differing": differs,
        "failures": dict(total.failures),
        "signatures": dict(total.signatures),
        "saved": total.saved,
        "slowest": {
            "seconds": seconds,
            "retimed": retimed,
            "index": index,
            "kind": kind,
            "size": size,
        },
        "by_kind": dict(total.tried),
    }
    Path(options.summary).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(_format_summary(summary), flush=True)
    return 1 if total.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
