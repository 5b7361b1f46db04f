"""Handovers (bàn giao) of a retired council's open items to its successor, and term changeovers (chuyển
nhiệm kỳ) that start a council's new term from the structure of the previous one. Each keeps the report of
what it moved."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scoping import ScopedManager
from .tree import Council, Term, TimeStamped


class Handover(TimeStamped):
    """Bàn giao: the open items of a retired council handed to one successor council on a date.

    A retired council split between several successors gets one handover per successor; each moves what is
    still open at that moment, so a second one to the same council moves nothing."""

    council_scope = "from_council"

    from_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="handovers_given",
                                     verbose_name=_("HĐND bàn giao"))
    to_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="handovers_received",
                                   verbose_name=_("HĐND tiếp nhận"))
    on_date = models.DateField(_("ngày bàn giao"))
    note = models.TextField(_("ghi chú"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", verbose_name=_("người bàn giao"))
    # {kind: {"count": n, "items": [[id, label], ...]}}, kinds as registered by the apps (councils.handovers).
    report = models.JSONField(_("danh sách đã chuyển"), default=dict, blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("bàn giao")
        verbose_name_plural = _("bàn giao")
        ordering = ["-on_date", "-id"]

    def __str__(self):
        return _("Bàn giao #%(n)s: %(from)s → %(to)s") % {"n": self.pk, "from": self.from_council,
                                                        "to": self.to_council}

    @property
    def moved_total(self) -> int:
        return sum(part.get("count", 0) for part in self.report.values())


class TermChangeover(TimeStamped):
    """Chuyển nhiệm kỳ: a council's bodies of one term copied into the next, and their open items carried over."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="term_changeovers",
                                verbose_name=_("HĐND"))
    from_term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("nhiệm kỳ trước"))
    to_term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("nhiệm kỳ mới"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+", verbose_name=_("người thực hiện"))
    # {"bodies": {"count": n, "items": [[new body id, name], ...]}, kind: {...} for the carried-over items}.
    report = models.JSONField(_("danh sách đã chuyển"), default=dict, blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("chuyển nhiệm kỳ")
        verbose_name_plural = _("chuyển nhiệm kỳ")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return _("Chuyển nhiệm kỳ %(from)s → %(to)s: %(council)s") % {
            "from": self.from_term, "to": self.to_term, "council": self.council}
