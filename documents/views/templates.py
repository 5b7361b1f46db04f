"""A council's Word templates, for its administrators: the built-in template of each kind to start from, the
council's own (current and archived, with history), the upload that replaces one, and archiving."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from councils import selectors as council_selectors
from councils.models import AuditEntry
from councils.scoping import sees_everything
from utilities import ui

from .. import permissions, rendering, services
from ..choices import DocumentKind, OutputFormat
from ..forms import TemplateUploadForm
from ..models import DocumentTemplate
from ._files import file_response


def _administered(user):
    """The councils whose templates the user may change: where they are administrator, and those below."""
    councils = council_selectors.councils_for(user)
    if sees_everything(user):
        return councils
    return councils.filter(pk__in=[c.pk for c in councils if permissions.can_manage_templates(user, c)])


@login_required
def template_list(request):
    """Mẫu văn bản: the built-in templates, and the councils' own ones the user may see."""
    templates = list(DocumentTemplate.objects.for_user(request.user)
                     .select_related("council", "uploaded_by", "archived_by").order_by("council__path", "kind",
                                                                                        "-created_at"))
    history: dict[int, list[AuditEntry]] = {}
    for entry in (AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(DocumentTemplate),
                                            object_id__in=[t.pk for t in templates])
                  .select_related("actor").order_by("-at", "-id")):
        history.setdefault(entry.object_id, []).append(entry)
    for template in templates:
        template.can_archive = template.archived_at is None and permissions.can_manage_templates(
            request.user, template.council)
        template.history = history.get(template.pk, [])
    return render(request, "documents/template_list.html", {
        "title": _("Mẫu văn bản"), "templates": templates, "kinds": DocumentKind.choices,
        "can_upload": sees_everything(request.user) or _administered(request.user).exists(),
    })


@login_required
def builtin_template(request, kind):
    if kind not in DocumentKind.values:
        raise Http404
    return file_response(rendering.builtin_template(kind), f"mau-{kind}.docx", OutputFormat.DOCX)


@login_required
def template_download(request, pk):
    template = get_object_or_404(DocumentTemplate.objects.for_user(request.user), pk=pk)
    return file_response(bytes(template.content), template.filename, OutputFormat.DOCX)


class TemplateUploadView(ui.ServiceFormView):
    """Tải lên mẫu của HĐND: refused, with the names at fault, when its placeholders do not render."""

    title = gettext_lazy("Tải lên mẫu văn bản của HĐND")
    form_class = TemplateUploadForm
    success_message = gettext_lazy("Đã lưu mẫu văn bản; các văn bản Word của HĐND sẽ dùng mẫu này.")

    def check_permission(self) -> None:
        if not _administered(self.request.user).exists():
            raise PermissionDenied(_("Chỉ quản trị hệ thống của HĐND được thay mẫu văn bản."))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "councils": _administered(self.request.user)}

    def perform(self, form):
        return services.upload_template(actor=self.request.user, **form.cleaned_data)

    def success_url(self, obj) -> str:
        return reverse("documents:template_list")

    def cancel_url(self) -> str:
        return reverse("documents:template_list")


@login_required
@require_POST
def template_archive(request, pk):
    template = get_object_or_404(DocumentTemplate.objects.for_user(request.user), pk=pk)
    try:
        services.archive_template(template=template, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu trữ mẫu; HĐND dùng lại mẫu gốc."))
    return redirect("documents:template_list")

