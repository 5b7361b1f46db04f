"""Celery tasks of the oversight app (scheduled in hdnd_portal/celery.py)."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task

from . import selectors

logger = logging.getLogger(__name__)


@shared_task(name="oversight.tasks.flag_overdue")
def flag_overdue(today: str | None = None) -> dict[str, int]:
    """Count, per council, the recommendations, commitments and work items whose deadline has passed.

    Overdue is derived from the deadline and the status (nothing is written), so running it twice gives
    the same figures and changes nothing; the log line is what the morning dashboard check reads.
    """
    as_of = datetime.date.fromisoformat(today) if today else selectors.today()
    counts = selectors.overdue_counts_by_council(as_of)
    totals = {"councils": len(counts), "recommendations": 0, "commitments": 0, "work_items": 0}
    for council_id, row in sorted(counts.items()):
        for key, value in row.items():
            totals[key] += value
        logger.info("overdue council=%s recommendations=%s commitments=%s work_items=%s", council_id,
                    row["recommendations"], row["commitments"], row["work_items"])
    logger.info("overdue as_of=%s totals=%s", as_of.isoformat(), totals)
    return totals
