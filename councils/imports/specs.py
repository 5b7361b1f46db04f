"""The five imports of a council's structure, each matched on a natural key so that importing the same file
again changes nothing: deputies (their code), electoral units (their number), bodies (their name), memberships
(deputy, body and start date) — all within the chosen council and term — and agencies (their name within the
council's area). A column left out of the file leaves that field as it is; a cell left empty clears it.
The import of accounts (their username) is in ``users``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utilities import sheets
from utilities.sheets import Column
from utilities.text import normalise

from .. import services
from ..choices import AgencyKind, BodyKind, CommitteeType, Gender, ImportKind, MembershipRole
from ..models import Agency, Body, Deputy, ElectoralUnit, Membership
from .base import Spec
from .users import UserSpec


def _date(cells, key, label, values, problems, *, required=False):
    if key not in cells:
        return
    raw = sheets.text(cells[key])
    value = sheets.parse_date(cells[key])
    if raw and value is None:
        problems.append(_("%(label)s “%(value)s” không đúng dạng dd/mm/yyyy") % {"label": label, "value": raw})
    elif required and value is None:
        problems.append(_("thiếu %(label)s") % {"label": label})
    else:
        values[key] = value


def _bool(cells, key, label, values, problems):
    if key not in cells or not sheets.text(cells[key]):
        return
    value = sheets.parse_bool(cells[key])
    if value is None:
        problems.append(_("%(label)s “%(value)s” phải là Có hoặc Không")
                        % {"label": label, "value": sheets.text(cells[key])})
    else:
        values[key] = value


def _choice(cells, key, label, lookup, values, problems, *, default=""):
    if key not in cells:
        return
    raw = sheets.text(cells[key])
    value = lookup.get(normalise(raw)) if raw else default
    if value is None:
        problems.append(_("%(label)s “%(value)s” không hợp lệ") % {"label": label, "value": raw})
    else:
        values[key] = value


def _texts(cells, keys, values, limits):
    for key in keys:
        if key in cells:
            values[key] = sheets.text(cells[key])[:limits[key]]


class DeputySpec(Spec):
    kind = ImportKind.DEPUTIES
    title = gettext_lazy("Mẫu nhập đại biểu HĐND")
    columns = (
        Column("code", "Mã đại biểu (*)", required=True),
        Column("full_name", "Họ và tên (*)", required=True),
        Column("gender", "Giới tính"),
        Column("birth_date", "Ngày sinh (dd/mm/yyyy)"),
        Column("electoral_unit", "Đơn vị bầu cử số"),
        Column("is_full_time", "Chuyên trách (Có/Không)"),
        Column("is_party_member", "Đảng viên (Có/Không)"),
        Column("position", "Chức vụ, nơi công tác"),
        Column("email", "Thư điện tử"),
        Column("phone", "Điện thoại"),
        Column("start_date", "Bắt đầu (dd/mm/yyyy)"),
        Column("end_date", "Thôi làm đại biểu từ (dd/mm/yyyy)"),
    )
    example = ("DB-001", "Nguyễn Thị Lan", "Nữ", "12/05/1975", 1, "Có", "Có", "Phó Chủ tịch HĐND",
               "lan.nt@hanoi.gov.vn", "0912345678", "15/03/2026", "")

    def lookups(self, council, term):
        deputies = list(Deputy.objects.filter(council=council, term=term))
        return {
            "by_code": {d.code: d for d in deputies if d.code},
            "by_name": {(normalise(d.full_name), d.birth_date): d for d in deputies if not d.code},
            "units": {u.number: u for u in ElectoralUnit.objects.filter(council=council, term=term)},
            "genders": sheets.choice_lookup(Gender.choices),
        }

    def prepare(self, cells, ctx):
        problems, values = [], {}
        code = sheets.text(cells.get("code"))[:30]
        full_name = sheets.text(cells.get("full_name"))[:150]
        if not code:
            problems.append(_("thiếu mã đại biểu"))
        if not full_name:
            problems.append(_("thiếu họ và tên"))
        values.update(code=code, full_name=full_name)
        _choice(cells, "gender", _("giới tính"), ctx["genders"], values, problems)
        _date(cells, "birth_date", _("ngày sinh"), values, problems)
        if "electoral_unit" in cells:
            raw = sheets.text(cells["electoral_unit"])
            number = sheets.parse_int(raw)
            unit = ctx["units"].get(number) if number else None
            if raw and unit is None:
                problems.append(_("không có đơn vị bầu cử số “%(value)s” trong HĐND và nhiệm kỳ") % {"value": raw})
            values["electoral_unit"] = unit
        _bool(cells, "is_full_time", _("chuyên trách"), values, problems)
        _bool(cells, "is_party_member", _("đảng viên"), values, problems)
        _texts(cells, ("position", "email", "phone"), values, {"position": 255, "email": 254, "phone": 30})
        _date(cells, "start_date", _("ngày bắt đầu"), values, problems)
        _date(cells, "end_date", _("ngày thôi làm đại biểu"), values, problems)
        existing = ctx["by_code"].get(code) or ctx["by_name"].get((normalise(full_name), values.get("birth_date")))
        return (code,), existing, values, {}, problems

    def create(self, row, ctx, actor):
        values = dict(row.values)
        return services.create_deputy(council=ctx["council"], term=ctx["term"], full_name=values.pop("full_name"),
                                      actor=actor, **values)

    def update(self, obj, changes, ctx, actor):
        return services.update_deputy(deputy=obj, data=changes, actor=actor)


class ElectoralUnitSpec(Spec):
    kind = ImportKind.ELECTORAL_UNITS
    title = gettext_lazy("Mẫu nhập đơn vị bầu cử")
    columns = (
        Column("number", "Số đơn vị (*)", required=True),
        Column("name", "Tên đơn vị bầu cử (*)", required=True),
        Column("area", "Địa bàn"),
        Column("seats", "Số đại biểu được bầu"),
    )
    example = (1, "Đơn vị bầu cử số 1", "Phường Ba Đình, phường Ngọc Hà", 5)

    def lookups(self, council, term):
        return {"units": {u.number: u for u in ElectoralUnit.objects.filter(council=council, term=term)}}

    def prepare(self, cells, ctx):
        problems, values = [], {}
        raw = sheets.text(cells.get("number"))
        number = sheets.parse_int(raw)
        if not number:
            problems.append(_("số đơn vị “%(value)s” phải là số nguyên dương") % {"value": raw} if raw
                            else _("thiếu số đơn vị"))
        values["number"] = number
        values["name"] = sheets.text(cells.get("name"))[:200]
        if not values["name"]:
            problems.append(_("thiếu tên đơn vị bầu cử"))
        if "area" in cells:
            values["area"] = sheets.text(cells["area"])[:10000]
        if "seats" in cells and sheets.text(cells["seats"]):
            seats = sheets.parse_int(cells["seats"])
            if not seats:
                problems.append(_("số đại biểu được bầu “%(value)s” phải là số nguyên dương")
                                % {"value": sheets.text(cells["seats"])})
            values["seats"] = seats
        return (number,), ctx["units"].get(number), values, {}, problems

    def create(self, row, ctx, actor):
        return services.create_electoral_unit(council=ctx["council"], term=ctx["term"], actor=actor, **row.values)

    def update(self, obj, changes, ctx, actor):
        return services.update_electoral_unit(unit=obj, data=changes, actor=actor)


class BodySpec(Spec):
    kind = ImportKind.BODIES
    title = gettext_lazy("Mẫu nhập cơ quan của HĐND")
    columns = (
        Column("name", "Tên cơ quan (*)", required=True),
        Column("kind", "Loại (*)", required=True),
        Column("committee_type", "Loại Ban"),
        Column("electoral_units", "Đơn vị bầu cử số (cách nhau bởi dấu ;)"),
        Column("dissolved_on", "Giải thể ngày (dd/mm/yyyy)"),
    )
    example = ("Tổ đại biểu số 1", str(BodyKind.DEPUTY_GROUP.label), "", "1; 2", "")
    many_fields = ("electoral_units",)

    def lookups(self, council, term):
        return {
            "bodies": {normalise(b.name): b for b in Body.objects.filter(council=council, term=term)},
            "units": {u.number: u for u in ElectoralUnit.objects.filter(council=council, term=term)},
            "kinds": sheets.choice_lookup(BodyKind.choices),
            "committee_types": sheets.choice_lookup(c for c in CommitteeType.choices if c[0]),
        }

    def prepare(self, cells, ctx):
        problems, values, refs = [], {}, {}
        values["name"] = sheets.text(cells.get("name"))[:200]
        if not values["name"]:
            problems.append(_("thiếu tên cơ quan"))
        _choice(cells, "kind", _("loại"), ctx["kinds"], values, problems, default=None)
        if values.get("kind") is None and not any(p.startswith(_("loại")) for p in problems):
            problems.append(_("thiếu loại cơ quan"))
        _choice(cells, "committee_type", _("loại Ban"), ctx["committee_types"], values, problems)
        if "electoral_units" in cells:
            units = []
            for part in filter(None, (p.strip() for p in sheets.text(cells["electoral_units"]).split(";"))):
                unit = ctx["units"].get(sheets.parse_int(part))
                if unit is None:
                    problems.append(_("không có đơn vị bầu cử số “%(value)s” trong HĐND và nhiệm kỳ")
                                    % {"value": part})
                units.append(unit)
            refs["electoral_units"] = units
        _date(cells, "dissolved_on", _("ngày giải thể"), values, problems)
        key = normalise(values["name"])
        return (key,), ctx["bodies"].get(key), values, refs, problems

    def create(self, row, ctx, actor):
        return services.create_body(council=ctx["council"], term=ctx["term"], actor=actor,
                                    electoral_units=row.refs.get("electoral_units", ()), **row.values)

    def update(self, obj, changes, ctx, actor):
        return services.update_body(body=obj, data=changes, actor=actor)


class MembershipSpec(Spec):
    kind = ImportKind.MEMBERSHIPS
    title = gettext_lazy("Mẫu nhập thành viên các cơ quan")
    columns = (
        Column("deputy", "Mã đại biểu (*)", required=True),
        Column("body", "Tên cơ quan (*)", required=True),
        Column("role", "Chức danh"),
        Column("start_date", "Từ ngày (*) (dd/mm/yyyy)", required=True),
        Column("end_date", "Đến ngày (dd/mm/yyyy)"),
    )
    example = ("DB-001", "Ban Pháp chế", str(MembershipRole.MEMBER.label), "15/03/2026", "")

    def lookups(self, council, term):
        memberships = Membership.objects.filter(body__council=council, body__term=term)
        return {
            "deputies": {d.code: d for d in Deputy.objects.filter(council=council, term=term).exclude(code="")},
            "bodies": {normalise(b.name): b for b in Body.objects.filter(council=council, term=term)},
            "memberships": {(m.deputy_id, m.body_id, m.start_date): m for m in memberships},
            "roles": sheets.choice_lookup(MembershipRole.choices),
        }

    def prepare(self, cells, ctx):
        problems, values = [], {}
        code, name = sheets.text(cells.get("deputy")), sheets.text(cells.get("body"))
        deputy, body = ctx["deputies"].get(code), ctx["bodies"].get(normalise(name))
        if deputy is None:
            problems.append(_("không có đại biểu mã “%(value)s” trong HĐND và nhiệm kỳ") % {"value": code} if code
                            else _("thiếu mã đại biểu"))
        if body is None:
            problems.append(_("không có cơ quan “%(value)s” trong HĐND và nhiệm kỳ") % {"value": name} if name
                            else _("thiếu tên cơ quan"))
        _choice(cells, "role", _("chức danh"), ctx["roles"], values, problems, default=MembershipRole.MEMBER)
        _date(cells, "start_date", _("ngày bắt đầu"), values, problems, required=True)
        _date(cells, "end_date", _("ngày kết thúc"), values, problems)
        key = (getattr(deputy, "pk", None), getattr(body, "pk", None), values.get("start_date"))
        return key, ctx["memberships"].get(key), values, {"deputy": deputy, "body": body}, problems

    def create(self, row, ctx, actor):
        return services.create_membership(body=row.refs["body"], deputy=row.refs["deputy"], actor=actor,
                                          **row.values)

    def update(self, obj, changes, ctx, actor):
        return services.update_membership(membership=obj, data=changes, actor=actor)


class AgencySpec(Spec):
    kind = ImportKind.AGENCIES
    title = gettext_lazy("Mẫu nhập cơ quan có thẩm quyền")
    needs_term = False
    columns = (
        Column("name", "Tên cơ quan (*)", required=True),
        Column("short_name", "Tên viết tắt"),
        Column("kind", "Loại cơ quan"),
        Column("parent", "Cơ quan cấp trên"),
        Column("email", "Thư điện tử"),
        Column("is_active", "Đang hoạt động (Có/Không)"),
    )
    example = ("Sở Xây dựng", "SXD", str(AgencyKind.DEPARTMENT.label), "Ủy ban nhân dân thành phố Hà Nội",
               "soxaydung@hanoi.gov.vn", "Có")

    def lookups(self, council, term):
        agencies = {normalise(a.name): a for a in Agency.objects.filter(council=council)}
        return {"agencies": agencies, "kinds": sheets.choice_lookup(AgencyKind.choices)}

    def prepare(self, cells, ctx):
        problems, values = [], {}
        values["name"] = sheets.text(cells.get("name"))[:255]
        if not values["name"]:
            problems.append(_("thiếu tên cơ quan"))
        _texts(cells, ("short_name", "email"), values, {"short_name": 50, "email": 254})
        _choice(cells, "kind", _("loại cơ quan"), ctx["kinds"], values, problems, default=AgencyKind.DEPARTMENT)
        refs = {}
        if "parent" in cells:
            raw = sheets.text(cells["parent"])
            parent = ctx["agencies"].get(normalise(raw)) if raw else None
            earlier = ctx["file_rows"].get(normalise(raw), ctx["row"]) < ctx["row"] if raw else False
            if parent is not None or not raw:
                values["parent"] = parent
            elif earlier:
                refs["parent"] = (ctx["agencies"], normalise(raw))  # created by an earlier row of this file
            else:
                problems.append(_("không có cơ quan cấp trên “%(value)s” trong danh mục của HĐND hay ở một dòng "
                                  "trước của tệp") % {"value": raw})
        _bool(cells, "is_active", _("đang hoạt động"), values, problems)
        key = normalise(values["name"])
        return (key,), ctx["agencies"].get(key), values, refs, problems

    def begin(self, rows, ctx):
        ctx["file_rows"] = {}
        for number, cells in rows:
            ctx["file_rows"].setdefault(normalise(sheets.text(cells.get("name"))), number)

    def changes(self, row):
        _resolve_parent(row)
        return super().changes(row)

    def create(self, row, ctx, actor):
        _resolve_parent(row)
        agency = services.save_record(record=Agency(council=ctx["council"], **row.values), actor=actor,
                                      created=True)
        ctx["agencies"][normalise(agency.name)] = agency  # a later row may name it as its parent
        return agency

    def update(self, obj, changes, ctx, actor):
        for name, value in changes.items():
            setattr(obj, name, value)
        return services.save_record(record=obj, actor=actor)


def _resolve_parent(row) -> None:
    """The parent named by an earlier row of the same file exists by now (rows are written in order)."""
    if "parent" in row.refs:
        agencies, name = row.refs["parent"]
        row.values["parent"] = agencies.get(name)


SPECS: dict[str, Spec] = {spec.kind: spec for spec in (
    DeputySpec(), ElectoralUnitSpec(), BodySpec(), MembershipSpec(), AgencySpec(), UserSpec())}
