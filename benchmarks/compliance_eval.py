"""Benchmark of the compliance engine: evaluation time and query count for 100, 1,000 and 3,355 councils.

Builds two provinces (codes 01 and 38, so both shipped rule sets apply) and communes below them, each with
its bodies, deputies, sessions and the records the rules count, then runs a full evaluation per size.

    .venv/bin/python benchmarks/compliance_eval.py                 # a throw-away SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hdnd_bench .venv/bin/python benchmarks/compliance_eval.py
    .venv/bin/python benchmarks/compliance_eval.py --sizes 100 1000

The database named by DATABASE_URL is wiped and migrated: never point it at real data.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdnd_portal.settings.test")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/hdnd-compliance-bench.sqlite3")

AS_OF = datetime.date(2026, 9, 15)
D = datetime.date


def reset_database() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    db = settings.DATABASES["default"]
    if connection.vendor == "sqlite":
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db['NAME']}{suffix}").unlink(missing_ok=True)
    else:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def build_base():
    import json

    from compliance.services import load_ruleset
    from councils.admin_units import LEVELS
    from councils.models import AdministrativeLevel, Council, Term

    levels = {code: AdministrativeLevel.objects.update_or_create(code=code, defaults=values)[0]
              for code, values in LEVELS.items()}
    term = Term.objects.create(name="2026-2031", start_date=D(2026, 3, 15), end_date=D(2031, 3, 14))
    provinces = [Council.objects.create(code=code, name=f"HĐND {name}", area_name=name, level=levels["province"])
                 for code, name in (("01", "Thành phố Hà Nội"), ("38", "Tỉnh Thanh Hóa"))]
    for name in ("hanoi.json", "thanh_hoa.json"):
        load_ruleset(data=json.loads((ROOT / "compliance" / "rulesets" / name).read_text(encoding="utf-8")))
    return levels, term, provinces


def add_communes(levels, term, provinces, start: int, count: int) -> None:
    """``count`` communes with their records, created in bulk (a few statements per kind of record)."""
    from councils.choices import BodyKind, CommitteeType, SessionKind
    from councils.models import Agency, Body, Council, Deputy, Session, SessionDocument
    from oversight.choices import FollowUpStatus, WorkItemStatus
    from oversight.models import (
        Briefing,
        Recommendation,
        Training,
        TrainingAttendance,
        WorkItem,
    )
    from voters.choices import AnswerOutcome, ForwardingStatus, MeetingKind, PetitionStatus
    from voters.models import CitizenReception, Forwarding, Petition, VoterMeeting

    communes = []
    for i in range(start, start + count):
        parent = provinces[i % 2]
        code = f"{parent.code}{i:05d}"
        communes.append(Council(code=code, name=f"HĐND xã {i}", area_name=f"Xã {i}", level=levels["commune"],
                                parent=parent, path=f"{parent.path}{code}/", depth=1))
    communes = Council.objects.bulk_create(communes)
    agency = Agency.objects.get_or_create(name="UBND", council=None)[0]

    body_specs = [(BodyKind.PLENARY, ""), (BodyKind.STANDING_BOARD, ""), (BodyKind.COMMITTEE, CommitteeType.ECONOMY_BUDGET),
                  (BodyKind.COMMITTEE, CommitteeType.CULTURE_SOCIAL), (BodyKind.DEPUTY_GROUP, ""),
                  (BodyKind.DEPUTY_GROUP, "")]
    bodies = Body.objects.bulk_create([
        Body(council=c, term=term, kind=kind, committee_type=ctype, name=f"{kind} {ctype} {n}")
        for c in communes for n, (kind, ctype) in enumerate(body_specs)
    ])
    by_council = {}
    for body in bodies:
        by_council.setdefault(body.council_id, []).append(body)
    deputies = Deputy.objects.bulk_create([
        Deputy(council=c, term=term, full_name=f"Đại biểu {n}", start_date=term.start_date)
        for c in communes for n in range(10)
    ])
    deputies_of = {}
    for deputy in deputies:
        deputies_of.setdefault(deputy.council_id, []).append(deputy)
    sessions = Session.objects.bulk_create([
        Session(council=c, term=term, number=n + 1, kind=SessionKind.REGULAR, start_date=day,
                end_date=day + datetime.timedelta(days=2))
        for c in communes for n, day in enumerate((D(2026, 4, 10), D(2026, 7, 10)))
    ])
    SessionDocument.objects.bulk_create([
        SessionDocument(session=s, title="Tờ trình",
                        sent_at=datetime.datetime.combine(s.start_date - datetime.timedelta(days=8),
                                                          datetime.time(2), tzinfo=datetime.UTC))
        for s in sessions
    ])
    activities = _activities(communes, by_council, sessions)
    Recommendation.objects.bulk_create([
        Recommendation(activity=a, agency=agency, content="Kiến nghị", due_date=D(2026, 8, 1 + n),
                       status=FollowUpStatus.IMPLEMENTED if n else FollowUpStatus.IN_PROGRESS)
        for a in activities for n in range(2)
    ])
    VoterMeeting.objects.bulk_create([
        VoterMeeting(council=c, body=by_council[c.pk][1], kind=MeetingKind.THEMATIC, topic="Đất đai",
                     date=D(2026, 6, 1), place="Nhà văn hóa") for c in communes
    ])
    Briefing.objects.bulk_create([Briefing(council=c, topic="Giao ban", date=D(2026, 8, 1)) for c in communes])
    CitizenReception.objects.bulk_create([
        CitizenReception(council=c, deputy=d, date=D(2026, 6, 1 + n), place="Trụ sở")
        for c in communes for n, d in enumerate(deputies_of[c.pk][:5])
    ])
    trainings = Training.objects.bulk_create([
        Training(council=c, title="Tập huấn", start_date=D(2026, 5, 5), end_date=D(2026, 5, 6)) for c in communes
    ])
    TrainingAttendance.objects.bulk_create([
        TrainingAttendance(training=t, deputy=d) for t in trainings for d in deputies_of[t.council_id][:8]
    ])
    petitions = Petition.objects.bulk_create([
        Petition(council=c, content="Kiến nghị cử tri", received_on=D(2026, 7, 1 + n), forward_due=D(2026, 7, 11 + n),
                 forwarded_on=D(2026, 7, 5 + 2 * n), status=PetitionStatus.FORWARDED)
        for c in communes for n in range(5)
    ])
    Forwarding.objects.bulk_create([
        Forwarding(petition=p, council_id=p.council_id, agency=agency, forwarded_on=p.forwarded_on, due_date=D(2026, 8, 20),
                   status=ForwardingStatus.ANSWERED, answered_on=D(2026, 8, 10 + p.pk % 15),
                   outcome=AnswerOutcome.RESOLVED)
        for p in petitions
    ])
    WorkItem.objects.bulk_create([
        WorkItem(council=c, year=2026, title="Công việc", lead="Chủ tịch", responsible_body=by_council[c.pk][1],
                 due_date=D(2026, 6, 1 + n), deliverable="Báo cáo", status=WorkItemStatus.DONE,
                 done_on=D(2026, 6, 1 + n + n % 2))
        for c in communes for n in range(5)
    ])


def _activities(communes, by_council, sessions):
    from oversight.choices import ActivityKind, ActivityStatus
    from oversight.models import OversightActivity

    kinds = (ActivityKind.THEMATIC, ActivityKind.SURVEY, ActivityKind.SURVEY, ActivityKind.QUESTIONING_SESSION,
             ActivityKind.EXPLANATION_HEARING)
    rows = []
    for idx, council in enumerate(communes):
        for n, (body, kind) in enumerate(zip(by_council[council.pk][:5], kinds, strict=True)):
            session = sessions[2 * idx + 1] if kind == ActivityKind.QUESTIONING_SESSION else None
            rows.append(OversightActivity(council_id=council.pk, body=body, title="Giám sát", kind=kind,
                                          status=ActivityStatus.CONCLUDED, actual_start=D(2026, 5 + n, 3),
                                          session=session))
    return OversightActivity.objects.bulk_create(rows)


class InsertCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += sql.lstrip().upper().startswith("INSERT")
        return execute(sql, params, many, context)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", type=int, default=[100, 1000, 3355])
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from compliance.models import Evidence, Result
    from compliance.services import run_evaluation

    reset_database()
    levels, term, provinces = build_base()
    have = 2
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']}); as of {AS_OF:%d/%m/%Y}")
    # "other" = every statement but the bulk INSERT batches (reads, deletes, lock, run row): it must not
    # grow with the number of councils; the INSERT batches grow with the rows written.
    print(f"{'councils':>9} {'build s':>8} {'evaluate s':>11} {'queries':>8} {'other':>6} {'inserts':>8} "
          f"{'results':>8} {'evidence':>9}")
    for size in sorted(args.sizes):
        started = time.perf_counter()
        add_communes(levels, term, provinces, have, size - have)
        have = size
        if connection.vendor == "postgresql":
            # Fresh bulk loads have no planner statistics yet; autovacuum would gather them in production.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        built = time.perf_counter() - started
        inserts = InsertCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(inserts):
            run = run_evaluation(as_of=AS_OF, trigger="benchmark")
        took = time.perf_counter() - started
        print(f"{size:>9} {built:>8.1f} {took:>11.2f} {run.query_count:>8} {run.query_count - inserts.count:>6} "
              f"{inserts.count:>8} {Result.objects.count():>8} {Evidence.objects.count():>9}", flush=True)


if __name__ == "__main__":
    main()
