"""The full compliance run split by province, its steps timed in one process (issue 13 §5): each part staged
(``split_runs.stage_part``, what a worker runs) and the last step that makes the run current
(``finish_split_run``), against the run of every council in one process (``runs.run_evaluation``), alternately,
the same day (every result kept) and the next day (figures and evidence moving).

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/split_run.py [--as-of 2026-12-03] [--repeat 5]

On the workers the parts run at the same time; here one after the other, so "parts" is their sum and the
slowest part is what a split over enough workers would wait for.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def split_once(as_of: datetime.date) -> dict:
    from compliance import runs, split_runs

    token = runs.acquire_lock()
    run = split_runs.start_split_run(as_of=as_of, token=token, trigger="benchmark")
    parts = []
    for part in split_runs.split_parts():
        started = time.perf_counter()
        split_runs.stage_part(run_id=run.pk, part=part, token=token)
        parts.append(time.perf_counter() - started)
    started = time.perf_counter()
    split_runs.finish_split_run(run_id=run.pk, token=token)
    return {"parts": sum(parts), "slowest": max(parts), "finish": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2026, 12, 3))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.local")
    import django

    django.setup()
    from compliance.runs import run_evaluation

    next_day = args.as_of + datetime.timedelta(days=1)
    figures: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for label, day in (("same day", args.as_of), ("next day", next_day)):
            run_evaluation(as_of=args.as_of, trigger="benchmark")  # what is stored: the day's results
            for key, value in split_once(day).items():
                figures.setdefault(f"{label}: split, {key}", []).append(value)
            run_evaluation(as_of=args.as_of, trigger="benchmark")
            started = time.perf_counter()
            run_evaluation(as_of=day, trigger="benchmark")
            figures.setdefault(f"{label}: one process", []).append(time.perf_counter() - started)
    run_evaluation(as_of=args.as_of, trigger="benchmark")
    for name, values in figures.items():
        print(f"{name:32} median {statistics.median(values):.2f} s (max {max(values):.2f} s, {len(values)} runs)")


if __name__ == "__main__":
    main()
