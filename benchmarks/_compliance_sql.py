"""The aggregates of the active compliance rules written by hand in plain SQL (PostgreSQL): the yardstick the
national benchmark compares the engine's full run with ("≤ 3× hand-written SQL", issue 13).

``run_handwritten(connection, as_of)`` returns, per (rule code, council id), the records counted and the records
judged (numerator and denominator; for a count rule both are the count) — exactly what the engine stores as
evidence, which ``compare`` checks. One statement per rule, no evidence written, no Python per record.

    DATABASE_URL=postgres://... .venv/bin/python benchmarks/_compliance_sql.py [--as-of 2026-09-15] [--repeat 5]

times the engine's full run (``run_evaluation``, which stores its results) against the hand-written SQL in one
process, prints the medians and their ratio, and checks that both found the same figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Copies of the engine's constants (compliance.engine.periods), so the yardstick does not lean on the engine.
SESSION_LOOKBACK_DAYS = 3 * 366
DEFAULT_SESSION_GAP_DAYS = 182

RULES_SQL = """
SELECT r.code, r.metric, r.subject_type, r.committee_type, r.params, r.period, r.period_days, r.valid_from,
       r.valid_to, rsc.path, rc.path,
       ARRAY(SELECT l.administrativelevel_id FROM compliance_rule_levels l WHERE l.rule_id = r.id)
FROM compliance_rule r
JOIN compliance_ruleset rs ON rs.id = r.ruleset_id
LEFT JOIN councils_council rsc ON rsc.id = rs.council_id
LEFT JOIN councils_council rc ON rc.id = r.council_id
WHERE r.is_active AND rs.is_active
ORDER BY rs.code, r."order", r.code
"""

# The councils a rule judges on the day: under its rule set's and its own council, at its levels, alive.
COVERED = """
covered AS (
    SELECT c.id FROM councils_council c JOIN councils_administrativelevel lv ON lv.id = c.level_id
    WHERE c.path LIKE %(prefix1)s AND c.path LIKE %(prefix2)s
      AND (cardinality(%(levels)s::bigint[]) = 0 OR c.level_id = ANY(%(levels)s::bigint[]))
      AND (c.valid_from IS NULL OR c.valid_from <= %(as_of)s) AND (c.valid_to IS NULL OR c.valid_to >= %(as_of)s)
      AND (lv.valid_to IS NULL OR lv.valid_to >= %(as_of)s)
)"""

CALENDAR_PERIODS = """
periods AS (SELECT id AS council_id, %(start)s::date AS p_start, %(end)s::date AS p_end FROM covered)"""

# From the last regular session opened by the day to the day before the next one (or half a year on).
BETWEEN_SESSIONS_PERIODS = """
windows AS (
    SELECT c.id AS council_id,
        (SELECT max(s.start_date) FROM councils_session s WHERE s.council_id = c.id AND s.kind = 'regular'
           AND s.start_date <= %(as_of)s AND s.start_date >= %(lookback)s) AS opened,
        (SELECT min(s.start_date) FROM councils_session s WHERE s.council_id = c.id AND s.kind = 'regular'
           AND s.start_date > %(as_of)s) AS next_opens
    FROM covered c
),
periods AS (
    SELECT council_id, opened AS p_start,
           COALESCE(next_opens - 1, GREATEST(opened + %(gap)s, %(as_of)s::date)) AS p_end
    FROM windows WHERE opened IS NOT NULL
)"""

COUNCIL_SUBJECTS = """
subjects AS (SELECT council_id AS subject_id, council_id, p_start, p_end FROM periods)"""

BODY_SUBJECTS = """
subjects AS (
    SELECT b.id AS subject_id, b.council_id, p.p_start, p.p_end
    FROM councils_body b JOIN periods p ON p.council_id = b.council_id JOIN councils_term t ON t.id = b.term_id
    WHERE b.kind = %(body_kind)s AND (%(committee_type)s = '' OR b.committee_type = %(committee_type)s)
      AND t.start_date <= %(as_of)s AND t.end_date >= %(as_of)s
      AND (b.dissolved_on IS NULL OR b.dissolved_on > %(as_of)s)
)"""

BODY_KIND = {"standing_board": "standing_board", "committee": "committee", "deputy_group": "deputy_group"}

# What a record's date must fall in: its subject's period, up to the day.
IN_PERIOD = "{day} >= s.p_start AND {day} <= LEAST(s.p_end, %(as_of)s::date)"


def _activity_count(rule) -> str:
    params, council = rule["params"], rule["subject_type"] == "council"
    parts = []
    if params.get("oversight_kinds"):
        owner = "council_id" if council else "body_id"
        body = ("JOIN councils_body b ON b.id = a.body_id AND b.kind = ANY(%(body_kinds)s)"
                if council and params.get("body_kinds") else "")
        parts.append(f"""SELECT s.council_id FROM oversight_oversightactivity a {body}
            JOIN subjects s ON s.subject_id = a.{owner}
            WHERE a.kind = ANY(%(oversight_kinds)s) AND a.status IN ('in_progress', 'concluded')
              AND {IN_PERIOD.format(day="a.actual_start")}""")
    if params.get("voter_meeting_kinds"):
        owner = "council_id" if council else "body_id"
        body = ("JOIN councils_body b ON b.id = m.body_id AND b.kind = ANY(%(body_kinds)s)"
                if council and params.get("body_kinds") else "")
        parts.append(f"""SELECT s.council_id FROM voters_votermeeting m {body}
            JOIN subjects s ON s.subject_id = m.{owner}
            WHERE m.kind = ANY(%(voter_meeting_kinds)s) AND {IN_PERIOD.format(day="m.date")}""")
    if params.get("session_kinds") and council:
        parts.append(f"""SELECT s.council_id FROM councils_session x JOIN subjects s ON s.subject_id = x.council_id
            WHERE x.kind = ANY(%(session_kinds)s) AND {IN_PERIOD.format(day="x.start_date")}""")
    if params.get("briefing") and rule["subject_type"] in ("council", "standing_board"):
        parts.append(f"""SELECT s.council_id FROM oversight_briefing g JOIN subjects s ON s.council_id = g.council_id
            WHERE {IN_PERIOD.format(day="g.date")}""")
    union = " UNION ALL ".join(parts)
    return f"SELECT council_id, count(*), count(*) FROM ({union}) rows GROUP BY council_id"


def _deputies_with_min(rule) -> str:
    params = rule["params"]
    if params["source"] == "citizen_reception":
        held = ("""SELECT r.deputy_id, count(*) AS n FROM voters_citizenreception r
                   JOIN subjects s ON s.council_id = r.council_id WHERE """ + IN_PERIOD.format(day="r.date")
                + (" AND r.scheduled" if params.get("scheduled_only") else "") + " GROUP BY r.deputy_id")
    else:
        held = ("""SELECT ta.deputy_id, count(*) AS n FROM oversight_trainingattendance ta
                   JOIN oversight_training tr ON tr.id = ta.training_id JOIN subjects s ON s.council_id = tr.council_id
                   WHERE ta.attended AND """ + IN_PERIOD.format(day="tr.start_date") + " GROUP BY ta.deputy_id")
    return f"""SELECT d.council_id, count(*) FILTER (WHERE COALESCE(h.n, 0) >= %(min_count)s), count(*)
        FROM councils_deputy d JOIN subjects s ON s.council_id = d.council_id JOIN councils_term t ON t.id = d.term_id
        LEFT JOIN ({held}) h ON h.deputy_id = d.id
        WHERE t.start_date <= %(as_of)s AND t.end_date >= %(as_of)s
          AND (d.start_date IS NULL OR d.start_date <= %(as_of)s) AND (d.end_date IS NULL OR d.end_date >= %(as_of)s)
        GROUP BY d.council_id"""


def _petitions_forwarded(rule) -> str:
    kinds = "AND p.kind = ANY(%(kinds)s)" if rule["params"].get("kinds") else ""
    return f"""SELECT council_id, count(*) FILTER (WHERE fwd IS NOT NULL AND (NOT %(within_deadline)s OR fwd <= deadline)),
               count(*)
        FROM (SELECT s.council_id, COALESCE(p.forward_due, p.received_on + %(deadline_days)s) AS deadline,
                     CASE WHEN p.forwarded_on <= %(as_of)s THEN p.forwarded_on END AS fwd
              FROM voters_petition p JOIN subjects s ON s.subject_id = p.council_id
              WHERE p.status <> 'merged' {kinds} AND {IN_PERIOD.format(day="p.received_on")}) rows
        WHERE fwd IS NOT NULL OR deadline < %(as_of)s
        GROUP BY council_id"""


def _work_items_on_time(rule) -> str:
    owner = "council_id" if rule["subject_type"] == "council" else "responsible_body_id"
    origins = "AND w.origin = ANY(%(origins)s)" if rule["params"].get("origins") else ""
    return f"""SELECT s.council_id,
               count(*) FILTER (WHERE w.status = 'done' AND w.done_on IS NOT NULL AND w.done_on <= w.due_date), count(*)
        FROM oversight_workitem w JOIN subjects s ON s.subject_id = w.{owner}
        WHERE w.status <> 'cancelled' {origins} AND {IN_PERIOD.format(day="w.due_date")}
        GROUP BY s.council_id"""


def _recommendations_implemented(rule) -> str:
    return f"""SELECT s.council_id, count(*) FILTER (WHERE r.status = ANY(%(done)s)), count(*)
        FROM oversight_recommendation r JOIN oversight_oversightactivity a ON a.id = r.activity_id
        JOIN subjects s ON s.subject_id = a.council_id
        WHERE {IN_PERIOD.format(day="r.due_date")}
        GROUP BY s.council_id"""


def _forwardings_answered_on_time(rule) -> str:
    return """SELECT s.council_id,
               count(*) FILTER (WHERE f.answered_on IS NOT NULL AND f.answered_on <= LEAST(f.due_date, %(as_of)s::date)),
               count(*)
        FROM voters_forwarding f JOIN subjects s ON s.subject_id = f.council_id
        WHERE f.due_date >= s.p_start AND f.due_date <= s.p_end
          AND (f.due_date <= %(as_of)s OR f.answered_on <= %(as_of)s)
        GROUP BY s.council_id"""


def _agency_answers_on_time(rule) -> str:
    agency = ("JOIN councils_agency ag ON ag.id = f.agency_id AND ag.kind = ANY(%(agency_kinds)s)"
              if rule["params"].get("agency_kinds") else "")
    answered = "(f.answered_on IS NOT NULL AND f.answered_on <= %(as_of)s)"
    return f"""SELECT s.council_id, count(*) FILTER (WHERE {answered} AND f.answered_on <= f.due_date), count(*)
        FROM voters_forwarding f {agency}
        JOIN subjects s ON s.subject_id = f.council_id
        WHERE {IN_PERIOD.format(day="f.forwarded_on")}
          AND ({answered} OR (NOT {answered} AND f.due_date < %(as_of)s AND f.status <> 'clarification'))
        GROUP BY s.council_id"""


def _sessions_with_activity(rule) -> str:
    return f"""SELECT s.council_id,
               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM oversight_oversightactivity a WHERE a.session_id = x.id
                                AND a.kind = ANY(%(activity_kinds)s) AND a.status <> 'cancelled')),
               count(*)
        FROM councils_session x JOIN subjects s ON s.subject_id = x.council_id
        WHERE x.kind = ANY(%(session_kinds)s) AND {IN_PERIOD.format(day="x.start_date")}
        GROUP BY s.council_id"""


AGGREGATES = {
    "activity_count": _activity_count,
    "deputies_with_min": _deputies_with_min,
    "petitions_forwarded": _petitions_forwarded,
    "work_items_on_time": _work_items_on_time,
    "recommendations_implemented": _recommendations_implemented,
    "forwardings_answered_on_time": _forwardings_answered_on_time,
    "agency_answers_on_time": _agency_answers_on_time,
    "sessions_with_activity": _sessions_with_activity,
}


def calendar_window(kind: str, as_of: datetime.date, days: int | None, term) -> tuple[datetime.date, datetime.date] | None:
    if kind == "year":
        return datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31)
    if kind == "half_year":
        first = as_of.month <= 6
        return (datetime.date(as_of.year, 1 if first else 7, 1),
                datetime.date(as_of.year, 6, 30) if first else datetime.date(as_of.year, 12, 31))
    if kind == "quarter":
        q = (as_of.month - 1) // 3
        nxt = datetime.date(as_of.year + (q == 3), (q * 3 + 3) % 12 + 1, 1)
        return datetime.date(as_of.year, q * 3 + 1, 1), nxt - datetime.timedelta(days=1)
    if kind == "term":
        return term
    if kind == "rolling_days":
        return as_of - datetime.timedelta(days=days - 1), as_of
    raise ValueError(kind)


def run_handwritten(connection, as_of: datetime.date) -> dict[tuple[str, int], tuple[int, int]]:
    """Per (rule code, council id): (records counted, records judged) of every active rule, as of ``as_of``.

    Rules of a metric this file has no SQL for are left out (none of the shipped rule sets uses one).
    """
    figures: dict[tuple[str, int], tuple[int, int]] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT start_date, end_date FROM councils_term WHERE start_date <= %s AND end_date >= %s "
                       "ORDER BY id LIMIT 1", [as_of, as_of])
        term = cursor.fetchone()
        cursor.execute(RULES_SQL)
        rules = [dict(zip(("code", "metric", "subject_type", "committee_type", "params", "period", "period_days",
                           "valid_from", "valid_to", "ruleset_path", "rule_path", "levels"), row, strict=True))
                 for row in cursor.fetchall()]
        for rule in rules:
            aggregate = AGGREGATES.get(rule["metric"])
            if aggregate is None or rule["subject_type"] == "deputy":
                continue
            if (rule["valid_from"] and as_of < rule["valid_from"]) or (rule["valid_to"] and as_of > rule["valid_to"]):
                continue
            params = rule["params"] if isinstance(rule["params"], dict) else json.loads(rule["params"])
            rule["params"] = params
            values = {
                **params, "as_of": as_of, "prefix1": (rule["ruleset_path"] or "") + "%",
                "prefix2": (rule["rule_path"] or "") + "%", "levels": list(rule["levels"]),
                "lookback": as_of - datetime.timedelta(days=SESSION_LOOKBACK_DAYS), "gap": DEFAULT_SESSION_GAP_DAYS,
                "body_kind": BODY_KIND.get(rule["subject_type"], ""), "committee_type": rule["committee_type"] or "",
                "min_count": params.get("min_count", 1), "within_deadline": params.get("within_deadline", False),
                "deadline_days": params.get("deadline_days", 10),
                "done": ["implemented"] + (["partly_implemented"] if params.get("count_partly") else []),
                "activity_kinds": params.get("activity_kinds") or ["questioning_session"],
                "session_kinds": params.get("session_kinds") or ["regular"],
            }
            if rule["period"] == "between_sessions":
                periods = BETWEEN_SESSIONS_PERIODS
            else:
                window = calendar_window(rule["period"], as_of, rule["period_days"], term)
                if window is None:
                    continue
                values["start"], values["end"] = window
                periods = CALENDAR_PERIODS
            subjects = COUNCIL_SUBJECTS if rule["subject_type"] == "council" else BODY_SUBJECTS
            cursor.execute(f"WITH {COVERED}, {periods}, {subjects} {aggregate(rule)}", values)
            for council_id, counted, judged in cursor.fetchall():
                figures[(rule["code"], council_id)] = (counted, judged)
    return figures


def engine_figures(run) -> dict[tuple[str, int], tuple[int, int]]:
    """The same figures from what a run stored: its evidence, per rule and council."""
    from django.db.models import Count, Q

    from compliance.models import Evidence

    rows = (Evidence.objects.filter(result__run=run).order_by()
            .values_list("result__rule__code", "result__council_id")
            .annotate(counted=Count("id", filter=Q(counted=True)), judged=Count("id")))
    return {(code, council_id): (counted, judged) for code, council_id, counted, judged in rows}


def compare(handwritten: dict, engine: dict) -> list[str]:
    """Where the two disagree (empty when they agree)."""
    return [f"{key}: SQL {handwritten.get(key)} engine {engine.get(key)}"
            for key in sorted(set(handwritten) | set(engine), key=str) if handwritten.get(key) != engine.get(key)]


def time_both(as_of: datetime.date, repeat: int = 5) -> dict:
    """Median seconds of the engine's full run and of the hand-written SQL, in this process, and their ratio."""
    from django.db import connection
    from django.db.models import Q

    from compliance import engine
    from compliance.runs import run_evaluation

    engine_times, evaluate_times, sql_times, run = [], [], [], None
    for _ in range(repeat):
        started = time.perf_counter()
        run = run_evaluation(as_of=as_of, trigger="benchmark")
        engine_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        engine.evaluate(as_of=as_of, scope=Q())  # the figures alone, nothing compared or stored
        evaluate_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        handwritten = run_handwritten(connection, as_of)
        sql_times.append(time.perf_counter() - started)
    engine_s, sql_s = statistics.median(engine_times), statistics.median(sql_times)
    evaluate_s = statistics.median(evaluate_times)
    return {"engine_s": engine_s, "sql_s": sql_s, "ratio": engine_s / sql_s, "queries": run.query_count,
            "evaluate_s": evaluate_s, "evaluate_ratio": evaluate_s / sql_s,
            "differences": compare(handwritten, engine_figures(run))}


def time_rewrites(as_of: datetime.date, repeat: int = 3) -> dict:
    """Median seconds of the engine's full run when it must write every result and evidence row (none stored
    before it: a first run, or after every record changed) and of the next day's run after one as of ``as_of``
    (the pro-rata targets and the rolling windows move). ``time_both`` re-runs the same day, on unchanged data,
    which keeps every result: these are the other two cases a deployment sees."""
    from compliance.models import Evidence, Result
    from compliance.runs import run_evaluation

    everything, next_day = [], []
    for _ in range(repeat):
        Evidence.objects.all().delete()
        Result.objects.all().delete()
        started = time.perf_counter()
        run_evaluation(as_of=as_of, trigger="benchmark")
        everything.append(time.perf_counter() - started)
        started = time.perf_counter()
        run_evaluation(as_of=as_of + datetime.timedelta(days=1), trigger="benchmark")
        next_day.append(time.perf_counter() - started)
        run_evaluation(as_of=as_of, trigger="benchmark")
    return {"everything_s": statistics.median(everything), "next_day_s": statistics.median(next_day)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--as-of", type=datetime.date.fromisoformat, default=datetime.date(2026, 9, 15))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rewrites", action="store_true",
                        help="also time a run that writes everything and the next day's run (deletes the results)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.local")
    import django

    django.setup()
    figures = time_both(args.as_of, args.repeat)
    print(f"engine full run {figures['engine_s']:.2f} s ({figures['queries']} queries), hand-written SQL "
          f"{figures['sql_s']:.2f} s: ratio {figures['ratio']:.1f}×; the figures alone (engine.evaluate) "
          f"{figures['evaluate_s']:.2f} s, {figures['evaluate_ratio']:.1f}×")
    for line in figures["differences"][:20]:
        print("differs:", line)
    print("same figures" if not figures["differences"] else f"{len(figures['differences'])} figures differ")
    if args.rewrites:
        rewrites = time_rewrites(args.as_of)
        print(f"writing every result {rewrites['everything_s']:.2f} s ({rewrites['everything_s'] / figures['sql_s']:.1f}×"
              f" the SQL), next day {rewrites['next_day_s']:.2f} s ({rewrites['next_day_s'] / figures['sql_s']:.1f}×)")


if __name__ == "__main__":
    main()
