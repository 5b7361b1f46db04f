"""Pages of the Excel imports: choose what to import, for which council and term, download its template,
upload; then the import's page, with its progress while a large file runs and its result to come back to —
or, for an import that created accounts, the sheet of their temporary passwords first, shown once."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utilities import ui
from utilities.xlsx import xlsx_file_response

from .. import permissions
from ..choices import ImportKind, ImportStatus
from ..forms import ScopedForm
from ..models import Council, ImportJob, Term
from ..views.accounts import credentials_page
from . import services
from .specs import SPECS


class ImportForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Dữ liệu nhập"), choices=ImportKind.choices)
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    term = forms.ModelChoiceField(label=_("Nhiệm kỳ"), queryset=Term.objects.all(), required=False,
                                  help_text=_("Không cần cho cơ quan có thẩm quyền."))
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args, kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["kind"].initial = kind if kind in SPECS else ImportKind.DEPUTIES
            self.fields["term"].initial = Term.objects.order_by("-start_date").values_list("pk", flat=True).first()


class ImportStartView(ui.ServiceFormView):
    title = _("Nhập dữ liệu từ Excel")
    template_name = "councils/import_start.html"
    form_class = ImportForm
    cancel_url_name = "council_list"

    def check_permission(self) -> None:
        if not Council.objects.manageable_by(self.request.user).exists():
            raise PermissionDenied(_("Chỉ Văn phòng, quản trị viên của HĐND mới được nhập dữ liệu."))

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "kind": self.request.GET.get("kind", "")}

    def perform(self, form):
        upload = form.cleaned_data["file"]
        return services.start_import(council=form.cleaned_data["council"], term=form.cleaned_data["term"],
                                     kind=form.cleaned_data["kind"], filename=upload.name, data=upload.read(),
                                     actor=self.request.user)

    def success_url(self, obj) -> str:
        return reverse("import_detail", args=[obj.pk])

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        job = getattr(self, "job", None)
        if job is not None and job.issued:
            # An import of accounts that created some: their temporary passwords, on this answer only.
            return credentials_page(self, job.issued, _("Tài khoản mới từ tệp %(file)s") % {"file": job.filename},
                                    back_url=reverse("import_detail", args=[job.pk]))
        return response

    def save(self, form):
        self.job = self.perform(form)
        return self.job

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["templates"] = [(kind, label, reverse("import_template", args=[kind]))
                                for kind, label in ImportKind.choices]
        context["recent"] = (ImportJob.objects.manageable_by(self.request.user)
                             .select_related("council", "term", "requested_by")
                             .defer("content").order_by("-created_at")[:10])
        return context


@login_required
def import_template(request, kind):
    spec = SPECS.get(kind)
    if spec is None:
        raise Http404
    return xlsx_file_response(spec.template(), f"mau-nhap-{kind.replace('_', '-')}.xlsx")


@login_required
def import_detail(request, pk):
    """The import's page; while it runs, htmx asks for its status part every two seconds."""
    job = get_object_or_404(ImportJob.objects.manageable_by(request.user).select_related("council", "term")
                            .defer("content"), pk=pk)
    if not permissions.can_manage(request.user, job.council):
        raise Http404
    context = {"job": job, "title": _("Nhập %(kind)s") % {"kind": job.get_kind_display().lower()},
               "finished": job.status in (ImportStatus.DONE, ImportStatus.FAILED),
               "again_url": reverse("import_start") + f"?kind={job.kind}"}
    if request.headers.get("HX-Request"):
        return render(request, "councils/_import_status.html", context)
    return render(request, "councils/import_detail.html", context)
