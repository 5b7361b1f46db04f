"""The import of accounts (tài khoản): one line per account, matched on its username. A new username is a new
account with a temporary password; a known one has its name and e-mail brought up to date and, when it lacks
it, the line's role. Every write goes through ``councils.accounts`` — the same scope rules as the account
pages: a line giving a role the importer could not give, or naming an account they do not manage, is a bad
row and the whole file is refused. Accounts missing from the file are left as they are."""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utilities import sheets
from utilities.sheets import Column
from utilities.text import normalise

from .. import accounts, permissions
from ..choices import ImportKind, Role
from ..models import Agency, Council, Deputy
from .base import Spec

# Each new account costs a password hash (a large fraction of a second on the production hasher) and its
# password can only be shown in the answer to the upload: a file of accounts is imported at once, so it is kept
# to what a request does in well under a minute. A larger council splits its list.
MAX_USER_ROWS = 200


class UserSpec(Spec):
    kind = ImportKind.USERS
    title = gettext_lazy("Mẫu nhập tài khoản người dùng")
    needs_term = False
    max_rows = MAX_USER_ROWS
    synchronous = True
    columns = (
        Column("username", "Tên đăng nhập (*)", required=True),
        Column("full_name", "Họ và tên (*)", required=True),
        Column("email", "Thư điện tử"),
        Column("role", "Vai trò (*)", required=True),
        Column("council", "Mã HĐND (*)", required=True),
        Column("deputy", "Mã đại biểu (với vai trò đại biểu)"),
        Column("agency", "Cơ quan (với vai trò cán bộ cơ quan)"),
    )
    example = ("tran.van.binh", "Trần Văn Bình", "binh.tv@hanoi.gov.vn", str(Role.SECRETARIAT.label), "01", "", "")

    def lookups(self, council, term):
        # The councils a line may name: the import's council and those below it.
        councils = {c.code: c for c in Council.objects.filter(path__startswith=council.path)}
        deputies = Deputy.objects.filter(council__path__startswith=council.path, archived_at__isnull=True)
        if term is not None:
            deputies = deputies.filter(term=term)
        by_code: dict[tuple, list[Deputy]] = {}
        for deputy in deputies.exclude(code=""):
            by_code.setdefault((deputy.council_id, deputy.code), []).append(deputy)
        agencies = {}
        for agency in Agency.objects.filter(council__path__startswith=council.path):
            for name in (agency.name, agency.short_name):
                if name:
                    agencies.setdefault((agency.council_id, normalise(name)), agency)
        return {"councils": councils, "deputies": by_code, "agencies": agencies,
                "roles": sheets.choice_lookup(Role.choices)}

    def begin(self, rows, ctx):
        names = {sheets.text(cells.get("username")).lower() for _number, cells in rows} - {""}
        users = (get_user_model().objects.annotate(lowered=Lower("username")).filter(lowered__in=names)
                 .prefetch_related("council_roles__council"))
        ctx["users"] = {user.lowered: user for user in users}

    def prepare(self, cells, ctx):
        problems, refs = [], {}
        username = sheets.text(cells.get("username"))[:150]
        full_name = " ".join(sheets.text(cells.get("full_name")).split())[:150]
        if not username:
            problems.append(_("thiếu tên đăng nhập"))
        if not full_name:
            problems.append(_("thiếu họ và tên"))
        raw_role, code = sheets.text(cells.get("role")), sheets.text(cells.get("council"))
        role = ctx["roles"].get(normalise(raw_role)) if raw_role else None
        council = ctx["councils"].get(code) if code else None
        if role is None:
            problems.append(_("vai trò “%(value)s” không hợp lệ") % {"value": raw_role} if raw_role
                            else _("thiếu vai trò"))
        if council is None:
            problems.append(_("không có HĐND mã “%(value)s” trong phạm vi của lượt nhập") % {"value": code} if code
                            else _("thiếu mã HĐND"))
        if role is not None and council is not None and not permissions.can_grant(ctx["actor"], council, role):
            problems.append(_("bạn không được cấp vai trò “%(role)s” ở %(council)s (ngoài phạm vi hoặc trên vai "
                              "trò của bạn)") % {"role": Role(role).label, "council": council.name})
        deputy, agency = _linked(cells, ctx, role, council, problems)
        last, first = accounts.split_name(full_name)
        values = {"last_name": last, "first_name": first}
        if "email" in cells:
            values["email"] = sheets.text(cells["email"])[:254]
        existing = ctx["users"].get(username.lower())
        if existing is not None and not problems:
            problems += _existing_problems(existing, ctx["actor"], council, role, deputy, agency)
        refs.update(username=username, full_name=full_name, role=role, council=council, deputy=deputy, agency=agency)
        return (username.lower(),), existing, values, refs, problems

    def changes(self, row):
        """What the line changes on a known account: its name and e-mail (one service call), and the line's
        role when the account lacks it."""
        user, refs = row.existing, row.refs
        changed = {}
        if super().changes(row):
            changed["account"] = {"full_name": refs["full_name"], "email": row.values.get("email", user.email)}
        if not any(a.council_id == refs["council"].pk and a.role == refs["role"] for a in user.council_roles.all()):
            changed["role"] = {name: refs[name] for name in ("council", "role", "deputy", "agency")}
        return changed

    def create(self, row, ctx, actor):
        refs = row.refs
        with _as_row_error():
            issued = accounts.create_account(
                actor=actor, council=refs["council"], role=refs["role"], username=refs["username"],
                full_name=refs["full_name"], email=row.values.get("email", ""), deputy=refs["deputy"],
                agency=refs["agency"])
        ctx["issued"].append(issued)
        return issued.user

    def update(self, obj, changes, ctx, actor):
        with _as_row_error():
            if "account" in changes:
                accounts.update_account(actor=actor, user=obj, **changes["account"])
            if "role" in changes:
                accounts.grant_role(actor=actor, user=obj, **changes["role"])
        return obj


@contextmanager
def _as_row_error():
    """A refusal of the account services (checked again there) is one more problem of the line."""
    try:
        yield
    except PermissionDenied as error:
        raise ValidationError(str(error) or _("Bạn không có quyền thực hiện thao tác này.")) from None


def _existing_problems(user, actor, council, role, deputy, agency) -> list[str]:
    assignments = list(user.council_roles.all())
    if not permissions.can_manage_account(actor, user, [(a.council, a.role) for a in assignments]):
        return [_("tài khoản “%(username)s” đã có và có vai trò ngoài phạm vi bạn quản lý")
                % {"username": user.get_username()}]
    same = next((a for a in assignments if a.council_id == council.pk and a.role == role), None)
    if same is not None and (same.deputy_id, same.agency_id) != (getattr(deputy, "pk", None), getattr(agency, "pk", None)):
        return [_("tài khoản đã có vai trò này ở HĐND này, gắn với đại biểu hoặc cơ quan khác: sửa ở trang tài "
                  "khoản")]
    return []


def _linked(cells, ctx, role, council, problems):
    """The deputy (deputy role) or the agency (agency staff) the line links the account to."""
    deputy = agency = None
    code = sheets.text(cells.get("deputy"))
    name = sheets.text(cells.get("agency"))
    if role == Role.DEPUTY and council is not None:
        matches = ctx["deputies"].get((council.pk, code), []) if code else []
        if not code:
            problems.append(_("vai trò đại biểu phải ghi mã đại biểu"))
        elif not matches:
            problems.append(_("không có đại biểu mã “%(value)s” ở %(council)s") % {"value": code,
                                                                                  "council": council.name})
        elif len(matches) > 1:
            problems.append(_("mã đại biểu “%(value)s” có ở nhiều nhiệm kỳ: hãy chọn nhiệm kỳ của lượt nhập")
                            % {"value": code})
        else:
            deputy = matches[0]
    elif code:
        problems.append(_("chỉ vai trò đại biểu mới ghi mã đại biểu"))
    if role == Role.AGENCY_STAFF and council is not None:
        agency = ctx["agencies"].get((council.pk, normalise(name))) if name else None
        if not name:
            problems.append(_("vai trò cán bộ cơ quan phải ghi tên cơ quan"))
        elif agency is None:
            problems.append(_("không có cơ quan “%(value)s” trong danh mục của %(council)s")
                            % {"value": name, "council": council.name})
    elif name:
        problems.append(_("chỉ vai trò cán bộ cơ quan mới ghi tên cơ quan"))
    return deputy, agency
