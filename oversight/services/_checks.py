"""Checks shared by the oversight services: a body, a deputy or a council belongs to the acting council's tree,
and today's date in Vietnam."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Body, Council, Deputy


def _in_subtree(council: Council, root: Council) -> bool:
    return council.path.startswith(root.path)


def _check_body(body: Body | None, council: Council, field: str = "body") -> None:
    if body is not None and body.council_id != council.pk:
        raise ValidationError({field: _("Cơ quan “%(body)s” không thuộc HĐND này.") % {"body": body}})


def _check_deputies(deputies: Iterable[Deputy], council: Council, field: str) -> None:
    """Deputies of this council or of a council below it (a province mission may include commune deputies)."""
    strangers = [d for d in deputies if not _in_subtree(d.council, council)]
    if strangers:
        raise ValidationError({field: _("Đại biểu %(names)s không thuộc HĐND này.")
                               % {"names": ", ".join(str(d) for d in strangers)}})


def _today() -> datetime.date:
    return timezone.localdate()
