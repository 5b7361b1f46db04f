"""A council's own Word template: refused with the wrong or missing names listed, used for that council only,
replaced and archived with history, never deleted; only an administrator of the council changes it."""

import importlib.util
from io import BytesIO

import docx
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councils.models import AuditEntry
from councils.tests.factories import SessionFactory
from documents import rendering, services
from documents.choices import DocumentKind
from documents.models import DocumentTemplate
from voters.tests.factories import PetitionFactory

from .conftest import docx_text

pytestmark = pytest.mark.django_db
MARK = "MẪU RIÊNG CỦA THÀNH PHỐ"


def _docx(*paragraphs: str, base: bytes | None = None) -> bytes:
    document = docx.Document(BytesIO(base) if base else None)
    for text in paragraphs:
        document.add_paragraph(text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _file(data: bytes, name="mau.docx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _upload(client, council, data, kind=DocumentKind.SESSION_REPORT, name="mau.docx"):
    return client.post(reverse("documents:template_upload"), {"council": council.pk, "kind": kind,
                                                              "file": _file(data, name)})


def test_a_template_with_wrong_or_missing_names_is_refused_with_them(client, admin_a, council_a):
    client.force_login(admin_a)
    response = _upload(client, council_a, _docx("{{ title }} {{ nme }} {{ so_cong_van }}"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Mẫu dùng tên không có trong loại văn bản này: nme, so_cong_van." in page
    assert "Mẫu thiếu các trường bắt buộc: date_text, issuer, number, summary." in page

    names = "{{ issuer }} {{ number }} {{ date_text }}"
    response = _upload(client, council_a, _docx(names, "{% for row in summary %}{{ row.nhom }}{% endfor %}"))
    assert response.status_code == 400 and "Mẫu không trộn được với dữ liệu mẫu" in response.content.decode()
    assert "nhom" in response.content.decode()

    response = _upload(client, council_a, _docx(names, "{% for row in summary %}"))
    assert response.status_code == 400 and "cú pháp" in response.content.decode()

    response = _upload(client, council_a, b"PK\x03\x04 not really a zip")
    assert response.status_code == 400 and "Tệp không phải văn bản Word (.docx) đọc được." in response.content.decode()
    response = _upload(client, council_a, b"plain text", name="mau.txt")
    assert response.status_code == 400 and "Mẫu phải là tệp Word .docx." in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_every_built_in_template_passes_its_own_check():
    for kind in DocumentKind.values:
        assert rendering.template_errors(kind, rendering.builtin_template(kind)) == []


def test_a_good_template_is_used_for_that_council_only(client, admin_a, clerk_a, council_a, council_a1, council_b,
                                                       report_session, term):
    client.force_login(admin_a)
    good = _docx(MARK, base=rendering.builtin_template(DocumentKind.SESSION_REPORT))
    assert _upload(client, council_a, good).status_code == 302
    template = DocumentTemplate.objects.get()
    assert (template.council, template.kind, template.filename) == (council_a, "session_report", "mau.docx")

    client.force_login(clerk_a)
    url = reverse("voters:session_report", args=[report_session.pk])
    text = docx_text(client.get(url, {"format": "docx"}).content)
    assert MARK in text and "Tổng cộng | 2 | 0 | 1 | 0 | 1" in text
    assert MARK not in docx_text(client.get(reverse("documents:receipt", args=[
        report_session.council.petitions.first().pk]), {"format": "docx"}).content)  # another kind
    # The commune below A keeps the built-in template.
    client.force_login(admin_a)
    commune = SessionFactory(council=council_a1, term=term)
    text = docx_text(client.get(reverse("voters:session_report", args=[commune.pk]), {"format": "docx"}).content)
    assert "BÁO CÁO" in text and MARK not in text


def test_replace_and_archive_keep_everything_with_history(client, admin_a, council_a, report_session):
    first = services.upload_template(council=council_a, kind=DocumentKind.SESSION_REPORT, actor=admin_a,
                                     file=_file(_docx("1", base=rendering.builtin_template("session_report"))))
    second = services.upload_template(council=council_a, kind=DocumentKind.SESSION_REPORT, actor=admin_a,
                                      file=_file(_docx("2", base=rendering.builtin_template("session_report"))))
    first.refresh_from_db()
    assert first.archived_at is not None and second.archived_at is None
    client.force_login(admin_a)
    page = client.get(reverse("documents:template_list")).content.decode()
    assert "Đang dùng" in page and "Đã lưu trữ" in page
    assert client.post(reverse("documents:template_archive", args=[second.pk])).status_code == 302
    second.refresh_from_db()
    assert second.archived_at is not None and second.archived_by == admin_a
    assert DocumentTemplate.objects.count() == 2
    actions = {t.pk: list(AuditEntry.objects.filter(content_type__model="documenttemplate", object_id=t.pk)
                          .order_by("id").values_list("action", flat=True)) for t in (first, second)}
    assert actions == {first.pk: ["create", "replace"], second.pk: ["create", "archive"]}
    # Back to the built-in template.
    text = docx_text(client.get(reverse("voters:session_report", args=[report_session.pk]), {"format": "docx"}).content)
    assert "\n2\n" not in f"\n{text}\n" and "BÁO CÁO" in text
    download = client.get(reverse("documents:template_download", args=[first.pk]))
    assert download.status_code == 200 and "1" in docx_text(download.content)


def test_only_an_administrator_of_the_council_changes_its_templates(client, admin_a, clerk_a, clerk_b, council_a,
                                                                     council_b):
    with pytest.raises(PermissionDenied):
        services.upload_template(council=council_a, kind=DocumentKind.RECEIPT, actor=clerk_a,
                                 file=_file(rendering.builtin_template("receipt")))
    client.force_login(clerk_a)
    assert client.get(reverse("documents:template_upload")).status_code == 403
    client.force_login(admin_a)
    # Council B is not among the choices of A's administrator.
    response = _upload(client, council_b, rendering.builtin_template("session_report"))
    assert response.status_code == 400 and not DocumentTemplate.objects.exists()
    template = services.upload_template(council=council_a, kind=DocumentKind.RECEIPT, actor=admin_a,
                                        file=_file(rendering.builtin_template("receipt")))
    client.force_login(clerk_b)
    assert client.get(reverse("documents:template_download", args=[template.pk])).status_code == 404
    assert client.post(reverse("documents:template_archive", args=[template.pk])).status_code == 404
    client.force_login(clerk_a)  # sees it, may not archive it
    assert client.get(reverse("documents:template_download", args=[template.pk])).status_code == 200
    assert client.post(reverse("documents:template_archive", args=[template.pk])).status_code == 403
    template.refresh_from_db()
    assert template.archived_at is None
    builtin = client.get(reverse("documents:builtin_template", args=["receipt"]))
    assert "GIẤY BIÊN NHẬN" not in docx_text(builtin.content) and "{{ title }}" in docx_text(builtin.content)


def test_the_committed_templates_are_what_make_doc_templates_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("build_templates", rendering.word.TEMPLATES_DIR / "build.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for kind in DocumentKind.values:
        assert script.build(kind, tmp_path).read_bytes() == rendering.builtin_template(kind), kind


def test_a_council_template_may_use_the_optional_tracking_names(client, admin_a, clerk_a, council_a):
    base = rendering.builtin_template(DocumentKind.RECEIPT)
    services.upload_template(council=council_a, kind=DocumentKind.RECEIPT, actor=admin_a,
                             file=_file(_docx("Mã: {{ tracking_code }}.", base=base)))
    petition = PetitionFactory(council=council_a, code="DT-9")
    client.force_login(clerk_a)
    response = client.get(reverse("documents:receipt", args=[petition.pk]), {"format": "docx"})
    assert response.status_code == 200 and f"Mã: {petition.tracking_code}." in docx_text(response.content)
