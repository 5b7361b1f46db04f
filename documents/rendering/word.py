"""Word (.docx, editable) from a docxtpl template: the council's own, or the one committed in
documents/templates_docx/ (built by ``make doc-templates``); and the checks an uploaded template passes."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import jinja2
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from .samples import OPTIONAL, REQUIRED, SAMPLES, allowed_names

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates_docx"


def builtin_template(kind: str) -> bytes:
    return (TEMPLATES_DIR / f"{kind}.docx").read_bytes()


def _environment() -> jinja2.Environment:
    # Autoescape: a petition's text with "<" or "&" must stay text in the document's XML.
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


def render_docx(kind: str, context: dict, template: bytes | None = None) -> bytes:
    document = DocxTemplate(BytesIO(template or builtin_template(kind)))
    # A name a document does not always have renders empty, so a council's template that uses it without
    # "is defined" (it passed the upload check with the sample, which has it) still renders.
    context = {**dict.fromkeys(OPTIONAL.get(kind, ()), ""), **context}
    document.render(context, jinja_env=_environment())
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def template_errors(kind: str, data: bytes) -> list[str]:
    """What is wrong with an uploaded template, in words for the person who uploaded it ([] when it is good):
    not a Word file, names it uses that the kind does not have, names it must use but does not, or a
    placeholder that does not render with a sample of the kind's context."""
    try:
        document = DocxTemplate(BytesIO(data))
        used = document.get_undeclared_template_variables(jinja_env=_environment())
    except (zipfile.BadZipFile, KeyError, ValueError):
        return [_("Tệp không phải văn bản Word (.docx) đọc được.")]
    except jinja2.TemplateSyntaxError as error:
        return [_("Mẫu có cú pháp trường trộn sai (dòng %(line)s): %(message)s")
                % {"line": error.lineno, "message": error.message}]
    errors = []
    unknown = sorted(set(used) - allowed_names(kind))
    if unknown:
        errors.append(_("Mẫu dùng tên không có trong loại văn bản này: %(names)s.") % {"names": ", ".join(unknown)})
    missing = sorted(REQUIRED[kind] - set(used))
    if missing:
        errors.append(_("Mẫu thiếu các trường bắt buộc: %(names)s.") % {"names": ", ".join(missing)})
    if not errors:
        try:
            render_docx(kind, SAMPLES[kind], data)
        except (jinja2.exceptions.TemplateError, TypeError, ValueError, AttributeError) as error:
            errors.append(_("Mẫu không trộn được với dữ liệu mẫu: %(message)s") % {"message": error})
    return errors
