"""A session report above DOCUMENTS_ASYNC_PETITIONS petitions is built by a Celery job: the page follows its
progress and offers the file, both scoped to the session's council. Eager here; on a real worker on the broker
when one is configured (as the compliance tasks' tests do)."""

import uuid

import pytest
from django.test import override_settings
from django.urls import reverse

from compliance.tests.test_tasks import _logs, _poll, _send, _start_worker, _stop, worker_env  # noqa: F401
from councils.models import AuditEntry
from documents import jobs
from documents.choices import JobStatus
from documents.models import DocumentJob

from .conftest import docx_text, pdf_text

pytestmark = pytest.mark.django_db


@override_settings(DOCUMENTS_ASYNC_PETITIONS=1)
def test_a_large_report_is_a_job_with_progress_and_a_scoped_download(client, clerk_a, clerk_b, report_session,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(clerk_a)
    url = reverse("voters:session_report", args=[report_session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"format": "docx", "group_by": "agency"})
    job = DocumentJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("documents:job_detail", args=[job.pk])
    assert (job.status, job.progress, job.filename) == (JobStatus.DONE, 100, "bao-cao-kien-nghi-ky-hop-7.docx")
    assert job.params == {"group_by": "agency"} and job.requested_by == clerk_a
    assert list(AuditEntry.objects.filter(content_type__model="documentjob", object_id=job.pk)
                .order_by("id").values_list("action", flat=True)) == ["create", "finish"]

    page = client.get(response["Location"]).content.decode()
    download = reverse("documents:job_download", args=[job.pk])
    assert "Đã xong" in page and download in page and "hx-trigger" not in page  # finished: no more polling
    text = docx_text(client.get(download).content)
    assert "Sở GTVT | 2 | 1 | 0 | 0 | 1" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text

    client.force_login(clerk_b)
    assert client.get(response["Location"]).status_code == 404
    assert client.get(download).status_code == 404


@override_settings(DOCUMENTS_ASYNC_PETITIONS=1)
def test_the_page_polls_until_the_job_is_done_and_a_second_run_changes_nothing(client, clerk_a, report_session):
    client.force_login(clerk_a)
    # Without running the commit callbacks, the job stays queued: the page polls it with htmx.
    response = client.get(reverse("voters:session_report", args=[report_session.pk]), {"format": "pdf"})
    job = DocumentJob.objects.get()
    assert job.status == JobStatus.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Đang chờ" in page
    assert client.get(reverse("documents:job_download", args=[job.pk])).status_code == 404
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert partial.startswith('<div id="job-status"') and "<html" not in partial

    jobs.run_job(job_id=job.pk)
    job.refresh_from_db()
    first = bytes(job.content)
    assert job.status == JobStatus.DONE and first.startswith(b"%PDF")
    assert "Đã sửa xong mặt đường Lê Lợi" in pdf_text(first)
    jobs.run_job(job_id=job.pk)  # delivered twice: left as it is
    job.refresh_from_db()
    assert bytes(job.content) == first
    assert AuditEntry.objects.filter(content_type__model="documentjob", action="finish").count() == 1
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert "Đã xong" in partial and reverse("documents:job_download", args=[job.pk]) in partial


def test_a_failed_job_says_so(clerk_a, report_session, council_a):
    job = DocumentJob.objects.create(council=council_a, kind="session_report", output="docx", object_id=10**9)
    jobs.run_job(job_id=job.pk)  # the session does not exist
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error and job.finished_at is not None
    assert AuditEntry.objects.filter(content_type__model="documentjob", object_id=job.pk, action="fail").exists()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_file(worker_env, client, clerk_a, report_session, council_a, tmp_path):  # noqa: F811
    job = DocumentJob.objects.create(council=council_a, kind="session_report", output="docx",
                                     object_id=report_session.pk, requested_by=clerk_a)
    queue = f"documents-test-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(worker_env, queue, tmp_path / "worker.log")
    try:
        _send(worker_env, "documents.tasks.build_document_job", [job.pk], queue)
        done = _poll(lambda: DocumentJob.objects.filter(pk=job.pk, status=JobStatus.DONE).first(), seconds=60)
        assert done, f"the worker built nothing within 60 s: {_logs(tmp_path / 'worker.log')}"
    finally:
        _stop(worker)
    client.force_login(clerk_a)
    text = docx_text(client.get(reverse("documents:job_download", args=[job.pk])).content)
    assert "Tổng cộng | 2 | 0 | 1 | 0 | 1" in text
