"""A background job's page (its progress, polled with htmx until the file is ready) and the file's download,
both for whoever may see the job's council (another council's job is a 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ..choices import JobStatus
from ..models import DocumentJob
from ._files import file_response


def _job(request, pk) -> DocumentJob:
    return get_object_or_404(DocumentJob.objects.for_user(request.user).defer("content"), pk=pk)


@login_required
def job_detail(request, pk):
    job = _job(request, pk)
    context = {"job": job, "title": _("Đang tạo văn bản"), "finished": job.status in (JobStatus.DONE, JobStatus.FAILED)}
    template = "documents/_job_status.html" if request.htmx else "documents/job_detail.html"
    return render(request, template, context)


@login_required
def job_download(request, pk):
    job = _job(request, pk)
    if job.status != JobStatus.DONE:
        raise Http404(_("Văn bản chưa tạo xong."))
    content = DocumentJob.objects.filter(pk=job.pk).values_list("content", flat=True).get()
    return file_response(bytes(content), job.filename, job.output)
