"""``manage.py seed_national``: the whole country — 34 provinces and 3,321 communes from the official list,
each with its bodies, deputies, sessions, oversight, work items, voter meetings, receptions and agencies — and
by default 1,000,000 petitions with their forwardings, for measuring the portal at national scale.

Deterministic for a seed (one ``random.Random`` per part and council, fixed dates around ``shape.TODAY``).
Rows are written with explicit ids in big batches (COPY on PostgreSQL), with the secondary indexes of the
petition tables dropped during the load and rebuilt once after it, then ANALYZE. Reference data (levels,
councils, terms, fields, the demo accounts, the rule sets) go through the ordinary upserts.
"""

from __future__ import annotations

import random
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction

from councils.admin_units import ensure_levels, load_admin_units, official_units
from councils.choices import Role
from councils.models import Council, Deputy, RoleAssignment, Term

from ..builder.common import DAIBIEU_EMAIL
from ..builder.reference import seed_fields, seed_roles, seed_users
from . import people, petitions, work
from .progress import Progress
from .shape import HANOI, KEPT_COMMUNES, NEW_TERM, OLD_TERM, CouncilInfo, petition_counts
from .writer import analyze, drop_secondary_indexes, fast_session, rebuild_indexes, reset_sequences, start_ids

COMMUNE_CLERK = "vanphongxa"


def chosen_codes(seed: int, scale: float) -> set[str] | None:
    """All units at scale 1; else every province and that fraction of the communes (the demo's wards kept)."""
    if scale >= 1:
        return None
    provinces, communes = official_units()
    codes = sorted(row["code"] for row in communes)
    count = max(len(KEPT_COMMUNES), round(len(codes) * scale))
    kept = [code for code in KEPT_COMMUNES if code in codes]
    rest = random.Random(f"{seed}:communes").sample([c for c in codes if c not in kept], count - len(kept))
    return {*(row["code"] for row in provinces), *kept, *rest}


@transaction.atomic
def build(*, petitions_total: int, seed: int, scale: float, password: str, show_progress: bool = True) -> dict:
    fast_session()
    codes = chosen_codes(seed, scale)
    load_admin_units(only_codes=codes)
    levels = ensure_levels()
    terms = {}
    for name, start, end in (OLD_TERM, NEW_TERM):
        terms[name], _ = Term.objects.update_or_create(name=name, defaults={"start_date": start, "end_date": end})
    fields = {code: f.pk for code, f in seed_fields().items()}
    users = seed_users(password)

    rows = (Council.objects.filter(level__in=[levels["province"], levels["commune"]], valid_to__isnull=True)
            .order_by("path").values_list("pk", "code", "name", "area_name", "parent_id"))
    if codes is not None:
        rows = rows.filter(code__in=codes)
    councils = [CouncilInfo(id=pk, code=code, name=name, area_name=area, parent_id=parent,
                            is_province=parent is None) for pk, code, name, area, parent in rows]
    petition_counts(seed, councils, petitions_total)

    tables = {**people.tables(), **work.tables(), **petitions.tables()}
    start_ids(list(tables.values()))
    models = [t.model for t in tables.values()]
    ddls = drop_secondary_indexes([tables["petition"].model, tables["forwarding"].model])
    bar = Progress(len(councils) * 3 + petitions_total + len(ddls), "Dữ liệu toàn quốc", enabled=show_progress)

    phases, clock = {}, [time.monotonic()]

    def phase(name):
        now = time.monotonic()
        phases[name] = now - clock[0]
        clock[0] = now

    phase("danh mục, HĐND, tài khoản")
    people.seed_agencies(seed, councils, tables["agency"])
    tables["agency"].flush()
    people.seed_people(seed, councils, terms[NEW_TERM[0]].pk, tables)
    bar(len(councils))
    work.seed_meetings(seed, councils, tables["meeting"], tables["reception"])
    bar(len(councils))
    work.seed_oversight(seed, councils, fields, tables)
    bar(len(councils))
    for table in tables.values():
        table.flush()
    phase("cơ quan, đại biểu, giám sát, TXCT")
    petitions.seed_petitions(seed, councils, fields, tables, progress=bar)
    for table in tables.values():
        table.flush()
    phase("kiến nghị và chuyển kiến nghị")
    rebuild_indexes(ddls, progress=bar)
    phase("dựng lại chỉ mục")
    reset_sequences(models)
    bar.close()
    phase("số thứ tự")

    # The demo's accounts, on the same councils as in seed_demo, and a commune clerk.
    hanoi = next(c for c in councils if c.code == HANOI)
    Deputy.objects.filter(pk=hanoi.deputies[len(hanoi.full_time) + 3]).update(email=DAIBIEU_EMAIL)
    by_code = {c.code: c for c in Council.objects.filter(code__in=[HANOI, "38", KEPT_COMMUNES[0]])}
    accounts = seed_roles(users, by_code)
    clerk = _commune_clerk(password, by_code[KEPT_COMMUNES[0]])
    accounts.append((clerk.username, f"Văn phòng {by_code[KEPT_COMMUNES[0]].name}"))
    call_command("load_rules", verbosity=0, stdout=_Null())
    phase("tài khoản, bộ chỉ tiêu")
    analyze()
    phase("ANALYZE")
    return {"counts": {t.table: t.count for t in tables.values()}, "councils": len(councils), "accounts": accounts,
            "phases": phases}


def _commune_clerk(password, council):
    user, _ = get_user_model().objects.get_or_create(username=COMMUNE_CLERK)
    user.first_name, user.last_name, user.email = "Thị Mai", "Nguyễn", f"{COMMUNE_CLERK}@demo.hdnd.vn"
    user.is_staff, user.is_active = True, True
    user.set_password(password)
    user.save()
    group = Group.objects.filter(name="Văn phòng HĐND").first()
    if group:
        user.groups.add(group)
    RoleAssignment.objects.get_or_create(user=user, council=council, role=Role.SECRETARIAT)
    return user


class _Null:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass
