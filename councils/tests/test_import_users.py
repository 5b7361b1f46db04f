"""The import of accounts (issue 16 §2): accounts created or brought up to date through the account services,
all-or-nothing with the bad row named, a role outside the importer's scope refused as a bad row, the same file
again changing nothing and issuing no password, and the temporary passwords shown once on the upload's answer —
never kept on the import, in its history or anywhere else in the database."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from councils import accounts
from councils.choices import ImportKind, ImportStatus, Role
from councils.imports import services as imports
from councils.imports.users import MAX_USER_ROWS
from councils.models import AuditEntry, ImportJob, RoleAssignment
from councils.tests.factories import AgencyFactory, DeputyFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
HEADER = ("Tên đăng nhập (*)", "Họ và tên (*)", "Thư điện tử", "Vai trò (*)", "Mã HĐND (*)", "Mã đại biểu",
          "Cơ quan")


def xlsx(*rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["Danh sách tài khoản"])
    ws.append(list(HEADER))
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def run(data, *, council, actor):
    return imports.start_import(council=council, term=None, kind=ImportKind.USERS, filename="tai-khoan.xlsx",
                                data=data, actor=actor)


@pytest.fixture
def people(council_a, term):
    DeputyFactory(council=council_a, term=term, code="DB-07", full_name="Lê Văn Nam")
    AgencyFactory(council=council_a, name="Sở Xây dựng", short_name="SXD")
    return (
        ("lvnam", "Lê Văn Nam", "nam@hanoi.gov.vn", "Đại biểu HĐND", "01", "DB-07", ""),
        ("ptthu", "Phạm Thị Thu", "thu@hanoi.gov.vn", "Văn phòng (chuyên viên)", "01", "", ""),
        ("sxd.hoa", "Đỗ Thị Hoa", "", "Cán bộ cơ quan được chuyển kiến nghị", "01", "", "SXD"),
    )


def test_accounts_created_with_their_roles_and_passwords_only_in_memory(people, council_a, clerk_a):
    job = run(xlsx(*people), council=council_a, actor=clerk_a)
    assert (job.status, job.created_count, job.errors) == (ImportStatus.DONE, 3, [])
    nam = User.objects.get(username="lvnam")
    assert (nam.last_name, nam.first_name, nam.email) == ("Lê Văn", "Nam", "nam@hanoi.gov.vn")
    assert RoleAssignment.objects.get(user=nam).deputy.code == "DB-07"
    assert RoleAssignment.objects.get(user__username="sxd.hoa").agency.name == "Sở Xây dựng"
    issued = {item.user.username: item.password for item in job.issued}
    assert set(issued) == {"lvnam", "ptthu", "sxd.hoa"}
    assert all(User.objects.get(username=u).check_password(p) and accounts.must_change_password(User.objects.get(
        username=u)) for u, p in issued.items())
    # Nothing of the import, of its history, nor any other text column holds a password in clear.
    stored = ImportJob.objects.get(pk=job.pk)
    kept = " ".join([str(stored.errors), bytes(stored.content).decode("latin-1"), stored.filename]
                    + [f"{e.changes} {e.note}" for e in AuditEntry.objects.all()])
    assert not any(password in kept for password in issued.values())


def test_same_file_again_changes_nothing_and_issues_no_password(people, council_a, clerk_a):
    run(xlsx(*people), council=council_a, actor=clerk_a)
    hashes = dict(User.objects.values_list("username", "password"))
    again = run(xlsx(*people), council=council_a, actor=clerk_a)
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == (
        ImportStatus.DONE, 0, 0, 3)
    assert again.issued == [] and dict(User.objects.values_list("username", "password")) == hashes


def test_a_changed_name_updates_the_account_and_a_new_role_is_given(people, council_a, clerk_a, viewer_a):
    run(xlsx(*people), council=council_a, actor=clerk_a)
    changed = (("ptthu", "Phạm Thị Thu Hà", "thu@hanoi.gov.vn", "Văn phòng (chuyên viên)", "01", "", ""),
               ("viewer_a", "Ngô Văn Tư", "", "Văn phòng (chuyên viên)", "01", "", ""))
    job = run(xlsx(*changed), council=council_a, actor=clerk_a)
    assert (job.status, job.created_count, job.updated_count, job.issued) == (ImportStatus.DONE, 0, 2, []), job.errors
    assert User.objects.get(username="ptthu").first_name == "Hà"
    assert set(RoleAssignment.objects.filter(user=viewer_a).values_list("role", flat=True)) == {
        Role.PARTY_VIEWER, Role.SECRETARIAT}
    assert AuditEntry.objects.filter(object_id=viewer_a.pk, action="account_role_granted").exists()
    # An account missing from the file is left as it is.
    assert User.objects.get(username="lvnam").is_active


def test_all_or_nothing_every_bad_row_named(people, council_a, clerk_a):
    rows = people + (
        ("", "Không Tên", "", "Văn phòng", "01", "", ""),
        ("x.y", "Vũ Văn Y", "", "Thủ tướng", "99", "", ""),
        ("dbmoi", "Hồ Văn Z", "", "Đại biểu HĐND", "01", "DB-404", ""),
        ("cq", "Tạ Văn Q", "", "Cán bộ cơ quan được chuyển kiến nghị", "01", "", ""),
        ("thua", "Mai Văn T", "khong-phai-email", "Văn phòng (chuyên viên)", "01", "", ""),
    )
    job = run(xlsx(*rows), council=council_a, actor=clerk_a)
    assert job.status == ImportStatus.FAILED and job.issued == []
    text = " ".join(job.errors)
    assert "Dòng 6: thiếu tên đăng nhập" in text
    assert "Dòng 7: vai trò “Thủ tướng” không hợp lệ; không có HĐND mã “99”" in text
    assert "Dòng 8: không có đại biểu mã “DB-404”" in text
    assert "Dòng 9: vai trò cán bộ cơ quan phải ghi tên cơ quan" in text
    assert not User.objects.filter(username__in=["lvnam", "ptthu", "sxd.hoa"]).exists()
    # A problem only the write finds (an e-mail the account refuses) also refuses the whole file.
    job = run(xlsx(*(people + (rows[-1],))), council=council_a, actor=clerk_a)
    assert job.status == ImportStatus.FAILED and job.errors == ["Dòng 6: Địa chỉ thư điện tử không hợp lệ."], job.errors
    assert not User.objects.filter(username__in=["lvnam", "ptthu", "sxd.hoa", "thua"]).exists()


@pytest.mark.parametrize(("role", "code", "allowed"), [
    ("Quản trị hệ thống", "01", False),          # above the clerk's own role
    ("Văn phòng (chuyên viên)", "00004", False),  # a council below: the secretariat gives roles on its own only
    ("Văn phòng (chuyên viên)", "38", False),     # another province: not in the import's council at all
    ("Cấp ủy (chỉ xem)", "01", True),
])
def test_a_role_outside_the_importers_scope_is_a_bad_row(role, code, allowed, council_a, council_a1, council_b,
                                                         clerk_a):
    rows = (("ok.one", "Nguyễn Văn Một", "", "Văn phòng (chuyên viên)", "01", "", ""),
            ("scope.test", "Nguyễn Văn Hai", "", role, code, "", ""))
    job = run(xlsx(*rows), council=council_a, actor=clerk_a)
    assert (job.status == ImportStatus.DONE) is allowed, job.errors
    assert User.objects.filter(username="ok.one").exists() is allowed
    if not allowed:
        assert job.errors[0].startswith("Dòng 4:"), job.errors


def test_an_administrator_imports_for_the_communes_below(council_a, council_a1, clerk_a):
    admin = UserFactory(username="admin_a")
    RoleAssignmentFactory(user=admin, council=council_a, role=Role.ADMINISTRATOR)
    rows = (("qt.badinh", "Đặng Văn Quản", "", "Quản trị hệ thống", "00004", "", ""),)
    job = run(xlsx(*rows), council=council_a, actor=admin)
    assert job.status == ImportStatus.DONE, job.errors
    assert RoleAssignment.objects.get(user__username="qt.badinh").council == council_a1


def test_an_account_the_importer_does_not_manage_is_a_bad_row(council_a, clerk_a):
    admin = UserFactory(username="admin_a", first_name="Cũ")
    RoleAssignmentFactory(user=admin, council=council_a, role=Role.ADMINISTRATOR)
    rows = (("ADMIN_A", "Kẻ Lạ Mặt", "", "Văn phòng (chuyên viên)", "01", "", ""),)
    job = run(xlsx(*rows), council=council_a, actor=clerk_a)
    assert job.status == ImportStatus.FAILED
    assert "ngoài phạm vi bạn quản lý" in job.errors[0]
    assert User.objects.get(pk=admin.pk).first_name == "Cũ"


def test_a_file_of_accounts_runs_at_once_up_to_its_cap(council_a, clerk_a):
    rows = [(f"user{n}", f"Người Số {n}", "", "Cấp ủy (chỉ xem)", "01", "", "") for n in range(imports.BACKGROUND_ROWS + 1)]
    job = run(xlsx(*rows[:MAX_USER_ROWS]), council=council_a, actor=clerk_a)
    assert (job.status, len(job.issued)) == (ImportStatus.DONE, MAX_USER_ROWS)
    with pytest.raises(Exception, match="quá 200 dòng"):
        run(xlsx(*rows), council=council_a, actor=clerk_a)


def test_the_page_shows_the_passwords_once_and_the_result_page_never(people, client, council_a, clerk_a):
    client.force_login(clerk_a)
    upload = SimpleUploadedFile("tai-khoan.xlsx", xlsx(*people))
    response = client.post(reverse("import_start"), {"kind": ImportKind.USERS, "council": council_a.pk,
                                                     "file": upload})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    html = response.content.decode()
    assert html.count('data-testid="password"') == 3
    start = html.index('data-testid="password">') + len('data-testid="password">')
    password = html[start:html.index("<", start)]
    job = ImportJob.objects.get()
    assert reverse("import_detail", args=[job.pk]) in html
    detail = client.get(reverse("import_detail", args=[job.pk])).content.decode()
    assert "tạo mới 3" in detail and password not in detail
    # The same file again: the import's page, no sheet of passwords.
    again = client.post(reverse("import_start"), {"kind": ImportKind.USERS, "council": council_a.pk,
                                                  "file": SimpleUploadedFile("tai-khoan.xlsx", xlsx(*people))})
    assert again.status_code == 302 and again["Location"].startswith("/nhap-du-lieu/")
