"""The texts static/js/*.js shows, in the request's language, for base.html to hand over with ``json_script``
(the scripts hold no user-facing text of their own, so English mode leaves no Vietnamese behind)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def js_texts(request) -> dict:
    return {"js_texts": {
        "noResults": _("Không tìm thấy lựa chọn nào."),
        "remove": _("Bỏ chọn"),
        "search": _("Gõ để tìm…"),
    }}
