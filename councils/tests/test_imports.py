"""Excel imports of a council's structure (issue 16 §2): each kind's template reads back, a file is imported
all-or-nothing with every bad row named, importing the same file again changes nothing (created / updated /
unchanged), a changed cell updates that record with its history line, a large file runs as a job, and only
those who manage the council may import into it or see the import."""

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from councils.audit import history_for
from councils.choices import BodyKind, ChangeSource, ImportKind, ImportStatus
from councils.imports import services as imports
from councils.imports.specs import SPECS
from councils.models import Agency, AuditEntry, Body, Deputy, ElectoralUnit, ImportJob, Membership

pytestmark = pytest.mark.django_db


def xlsx(header, *rows) -> bytes:
    """A file as a clerk fills it in: a title line, the header, then the rows."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Danh sách nhập"])
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def run(kind, data, *, council, term, actor):
    return imports.start_import(council=council, term=term, kind=kind, filename="tep.xlsx", data=data, actor=actor)


UNITS = ("Số đơn vị (*)", "Tên đơn vị bầu cử (*)", "Địa bàn", "Số đại biểu được bầu")
DEPUTIES = ("Mã đại biểu (*)", "Họ và tên (*)", "Giới tính", "Ngày sinh", "Đơn vị bầu cử số", "Chuyên trách",
            "Đảng viên", "Thư điện tử")


@pytest.fixture
def units(council_a, term, clerk_a):
    job = run(ImportKind.ELECTORAL_UNITS, xlsx(UNITS, (1, "Đơn vị số 1", "Phường Ba Đình", 5),
                                               (2, "Đơn vị số 2", "Phường Hoàn Kiếm", 4)),
              council=council_a, term=term, actor=clerk_a)
    assert job.status == ImportStatus.DONE, job.errors
    return job


@pytest.mark.parametrize("kind", list(ImportKind.values))
def test_each_template_has_its_columns_and_an_example_that_imports(kind, council_a, term, clerk_a, units):
    spec = SPECS[kind]
    sheet = load_workbook(BytesIO(spec.template())).active
    header = [cell.value for cell in sheet[3]]
    assert header == [c.header for c in spec.columns]
    example = [cell.value for cell in sheet[4]]
    if kind == ImportKind.MEMBERSHIPS:  # its example names a deputy and a body: make them first
        run(ImportKind.DEPUTIES, xlsx(DEPUTIES[:2], ("DB-001", "Nguyễn Thị Lan")), council=council_a, term=term,
            actor=clerk_a)
        run(ImportKind.BODIES, xlsx(("Tên cơ quan (*)", "Loại (*)", "Loại Ban"), ("Ban Pháp chế", "Ban của HĐND",
                                                                                 "Ban Pháp chế")),
            council=council_a, term=term, actor=clerk_a)
    if kind == ImportKind.AGENCIES:  # the example's parent agency
        Agency.objects.create(council=council_a, name="Ủy ban nhân dân thành phố Hà Nội")
    job = run(kind, spec.template(), council=council_a, term=term, actor=clerk_a)
    assert (job.status, job.errors) == (ImportStatus.DONE, []), example
    assert job.created_count + job.updated_count == 1


def test_deputies_all_or_nothing_and_every_bad_row_named(council_a, term, clerk_a, units):
    data = xlsx(DEPUTIES,
                ("DB-01", "Nguyễn Văn An", "Nam", "01/02/1970", 1, "Có", "Có", "an@hanoi.gov.vn"),
                ("DB-02", "", "Nữ", "31/02/1980", 9, "có lẽ", "Không", ""),
                ("DB-01", "Trần Thị Bình", "Nữ", "", 2, "", "", ""),
                ("DB-04", "Lê Văn Cường", "Khác lạ", "", "", "", "", "khong-phai-email"))
    job = run(ImportKind.DEPUTIES, data, council=council_a, term=term, actor=clerk_a)
    assert job.status == ImportStatus.FAILED
    assert job.errors == [
        "Dòng 4: thiếu họ và tên; ngày sinh “31/02/1980” không đúng dạng dd/mm/yyyy; không có đơn vị bầu cử số "
        "“9” trong HĐND và nhiệm kỳ; chuyên trách “có lẽ” phải là Có hoặc Không.",
        "Dòng 5: trùng với dòng 3.",
        "Dòng 6: giới tính “Khác lạ” không hợp lệ.",
    ]
    assert not Deputy.objects.filter(council=council_a).exists()
    # Rows that read well but break a rule of the record (an e-mail address) are refused as a whole too.
    data = xlsx(DEPUTIES, ("DB-01", "Nguyễn Văn An", "Nam", "", 1, "", "", "an@hanoi.gov.vn"),
                ("DB-04", "Lê Văn Cường", "", "", "", "", "", "khong-phai-email"))
    job = run(ImportKind.DEPUTIES, data, council=council_a, term=term, actor=clerk_a)
    assert job.status == ImportStatus.FAILED and len(job.errors) == 1 and job.errors[0].startswith("Dòng 4: ")
    assert not Deputy.objects.filter(council=council_a).exists()


def test_reimporting_changes_nothing_and_a_changed_cell_updates_with_history(council_a, term, clerk_a, units):
    rows = [("DB-01", "Nguyễn Văn An", "Nam", "01/02/1970", 1, "Có", "Có", "an@hanoi.gov.vn"),
            ("DB-02", "Trần Thị Bình", "Nữ", datetime.date(1982, 7, 9), 2, "Không", "Không", "")]
    first = run(ImportKind.DEPUTIES, xlsx(DEPUTIES, *rows), council=council_a, term=term, actor=clerk_a)
    assert (first.created_count, first.updated_count, first.unchanged_count) == (2, 0, 0)
    an = Deputy.objects.get(council=council_a, code="DB-01")
    assert (an.full_name, an.birth_date, an.electoral_unit.number, an.is_full_time, an.is_party_member) == (
        "Nguyễn Văn An", datetime.date(1970, 2, 1), 1, True, True)
    assert history_for(an)[0].source == ChangeSource.IMPORT
    entries = AuditEntry.objects.count()
    again = run(ImportKind.DEPUTIES, xlsx(DEPUTIES, *rows), council=council_a, term=term, actor=clerk_a)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    assert AuditEntry.objects.count() == entries + 2  # the import's own two lines (started, finished) only
    rows[1] = ("DB-02", "Trần Thị Bình", "Nữ", datetime.date(1982, 7, 9), 1, "Có", "Không", "")
    changed = run(ImportKind.DEPUTIES, xlsx(DEPUTIES, *rows), council=council_a, term=term, actor=clerk_a)
    assert (changed.created_count, changed.updated_count, changed.unchanged_count) == (0, 1, 1)
    binh = Deputy.objects.get(council=council_a, code="DB-02")
    assert binh.electoral_unit.number == 1 and binh.is_full_time
    assert set(history_for(binh)[0].changes) == {"electoral_unit", "is_full_time"}
    assert Deputy.objects.filter(council=council_a).count() == 2


def test_a_deputy_without_code_is_matched_by_name_and_birth_date(council_a, term, clerk_a, deputy_a_record):
    deputy_a_record.birth_date = datetime.date(1970, 2, 1)
    deputy_a_record.save()
    job = run(ImportKind.DEPUTIES, xlsx(DEPUTIES[:4], ("DB-09", deputy_a_record.full_name.upper(), "", "01/02/1970")),
              council=council_a, term=term, actor=clerk_a)
    assert (job.created_count, job.updated_count) == (0, 1)
    deputy_a_record.refresh_from_db()
    assert deputy_a_record.code == "DB-09"


def test_bodies_and_memberships_with_dates_idempotent(council_a, term, clerk_a, units):
    bodies = xlsx(("Tên cơ quan (*)", "Loại (*)", "Loại Ban", "Đơn vị bầu cử số"),
                  ("Tổ đại biểu số 1", "Tổ đại biểu", "", "1; 2"),
                  ("Ban Kinh tế - Ngân sách", "Ban của HĐND", "Ban Kinh tế - Ngân sách", ""))
    assert run(ImportKind.BODIES, bodies, council=council_a, term=term, actor=clerk_a).created_count == 2
    group = Body.objects.get(council=council_a, name="Tổ đại biểu số 1")
    assert group.kind == BodyKind.DEPUTY_GROUP and sorted(group.electoral_units.values_list("number", flat=True)) == [1, 2]
    again = run(ImportKind.BODIES, bodies, council=council_a, term=term, actor=clerk_a)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    run(ImportKind.DEPUTIES, xlsx(DEPUTIES[:2], ("DB-01", "Nguyễn Văn An"), ("DB-02", "Trần Thị Bình")),
        council=council_a, term=term, actor=clerk_a)
    header = ("Mã đại biểu (*)", "Tên cơ quan (*)", "Chức danh", "Từ ngày (*)", "Đến ngày")
    members = xlsx(header, ("DB-01", "tổ đại biểu số 1", "Tổ trưởng", "15/03/2026", ""),
                   ("DB-02", "Ban Kinh tế - Ngân sách", "", "15/03/2026", "30/06/2027"))
    job = run(ImportKind.MEMBERSHIPS, members, council=council_a, term=term, actor=clerk_a)
    assert (job.status, job.created_count) == (ImportStatus.DONE, 2), job.errors
    assert Membership.objects.get(deputy__code="DB-02").end_date == datetime.date(2027, 6, 30)
    again = run(ImportKind.MEMBERSHIPS, members, council=council_a, term=term, actor=clerk_a)
    assert again.unchanged_count == 2
    bad = xlsx(header, ("DB-77", "Ban Văn hóa", "", "15/03/2026", ""),
               ("DB-01", "Tổ đại biểu số 1", "", "15/03/2026", "01/01/2026"))
    refused = run(ImportKind.MEMBERSHIPS, bad, council=council_a, term=term, actor=clerk_a)
    assert refused.errors[0] == ("Dòng 3: không có đại biểu mã “DB-77” trong HĐND và nhiệm kỳ; không có cơ quan "
                                 "“Ban Văn hóa” trong HĐND và nhiệm kỳ.")
    assert Membership.objects.count() == 2


def test_agencies_with_a_parent_from_an_earlier_row(council_a, clerk_a):
    header = ("Tên cơ quan (*)", "Tên viết tắt", "Loại cơ quan", "Cơ quan cấp trên", "Đang hoạt động")
    data = xlsx(header, ("UBND thành phố", "UBND TP", "Ủy ban nhân dân", "", "Có"),
                ("Sở Xây dựng", "SXD", "", "ubnd thanh pho", ""),
                ("Sở Nội vụ", "", "", "Bộ Không Có", ""))
    refused = run(ImportKind.AGENCIES, data, council=council_a, term=None, actor=clerk_a)
    assert refused.errors == ["Dòng 5: không có cơ quan cấp trên “Bộ Không Có” trong danh mục của HĐND hay ở một "
                              "dòng trước của tệp."]
    data = xlsx(header, ("UBND thành phố", "UBND TP", "Ủy ban nhân dân", "", "Có"),
                ("Sở Xây dựng", "SXD", "", "ubnd thanh pho", ""))
    job = run(ImportKind.AGENCIES, data, council=council_a, term=None, actor=clerk_a)
    assert job.created_count == 2, job.errors
    assert Agency.objects.get(name="Sở Xây dựng").parent.name == "UBND thành phố"
    assert run(ImportKind.AGENCIES, data, council=council_a, term=None, actor=clerk_a).unchanged_count == 2


def test_a_bad_file_is_refused_before_any_import(council_a, term, clerk_a):
    for data, message in ((b"", "Tệp tải lên rỗng."), (b"not a zip", "Tệp không phải là tệp Excel (.xlsx) hợp lệ"),
                          (xlsx(("Họ và tên (*)",), ("An",)), "Không tìm thấy dòng tiêu đề (cột “Mã đại biểu (*)”)"),
                          (xlsx(("Mã đại biểu",), ("DB-1",)), "Thiếu cột bắt buộc: Họ và tên (*)")):
        with pytest.raises(ValidationError) as error:
            run(ImportKind.DEPUTIES, data, council=council_a, term=term, actor=clerk_a)
        assert message in error.value.message_dict["file"][0]
    with pytest.raises(ValidationError) as error:
        run(ImportKind.DEPUTIES, xlsx(DEPUTIES[:2], ("DB-1", "An")), council=council_a, term=None, actor=clerk_a)
    assert "term" in error.value.message_dict
    assert not ImportJob.objects.exists()


def test_only_who_manages_the_council_imports_or_sees_the_import(client, council_a, term, clerk_a, clerk_b, viewer_a,
                                                                  deputy_a, units):
    for user in (clerk_b, viewer_a, deputy_a):
        with pytest.raises(PermissionDenied):
            run(ImportKind.DEPUTIES, xlsx(DEPUTIES[:2], ("DB-1", "An")), council=council_a, term=term, actor=user)
    url = reverse("import_detail", args=[units.pk])
    for user in (clerk_b, viewer_a):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(clerk_a)
    page = client.get(url).content.decode()
    assert "Đã nhập: tạo mới 2, cập nhật 0, giữ nguyên 0." in page


def test_the_page_imports_and_shows_the_result(client, council_a, term, clerk_a):
    client.force_login(clerk_a)
    start = client.get(reverse("import_start") + "?kind=electoral_units")
    assert 'value="electoral_units" selected' in start.content.decode()
    upload = SimpleUploadedFile("don-vi.xlsx", xlsx(UNITS, (1, "Đơn vị số 1", "", 3), ("x", "", "", "")))
    response = client.post(reverse("import_start"), {"kind": "electoral_units", "council": council_a.pk,
                                                      "term": term.pk, "file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Không dòng nào được lưu" in page and "Dòng 4: số đơn vị “x” phải là số nguyên dương" in page
    assert not ElectoralUnit.objects.exists()
    bad = client.post(reverse("import_start"), {"kind": "electoral_units", "council": council_a.pk, "term": term.pk,
                                                "file": SimpleUploadedFile("x.xlsx", b"rac")})
    assert bad.status_code == 400 and "Tệp không phải là tệp Excel (.xlsx) hợp lệ" in bad.content.decode()


def test_a_large_file_runs_as_a_job_and_its_page_shows_progress(council_a, term, clerk_a, client,
                                                               django_capture_on_commit_callbacks):
    rows = [(n, f"Đơn vị số {n}", "", 1) for n in range(1, imports.BACKGROUND_ROWS + 2)]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = run(ImportKind.ELECTORAL_UNITS, xlsx(UNITS, *rows), council=council_a, term=term, actor=clerk_a)
    assert job.status == ImportStatus.QUEUED
    client.force_login(clerk_a)
    waiting = client.get(reverse("import_detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "Đang chờ" in waiting
    for callback in queued:  # after the commit the worker picks it up (Celery runs eagerly in tests)
        callback()
    job.refresh_from_db()
    assert (job.status, job.created_count, job.rows) == (ImportStatus.DONE, imports.BACKGROUND_ROWS + 1,
                                                          imports.BACKGROUND_ROWS + 1)
    assert ElectoralUnit.objects.filter(council=council_a).count() == imports.BACKGROUND_ROWS + 1


def test_the_template_downloads(client, clerk_a):
    client.force_login(clerk_a)
    response = client.get(reverse("import_template", args=["deputies"]))
    assert response["Content-Disposition"].endswith('mau-nhap-deputies.xlsx"')
    assert load_workbook(BytesIO(response.content)).active["A3"].value == "Mã đại biểu (*)"
    assert client.get(reverse("import_template", args=["khong-co"])).status_code == 404
