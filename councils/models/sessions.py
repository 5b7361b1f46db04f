"""Sessions of a council (kỳ họp) with their agenda and the documents sent to deputies."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from utilities.dates import check_order

from ..choices import SessionKind
from ..scoping import ScopedManager
from .bodies import Deputy
from .tree import Council, Term, TimeStamped, Versioned


class Session(TimeStamped):
    """Kỳ họp: numbered within the council's term (khóa XVIII, kỳ họp thứ 24)."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("nhiệm kỳ"))
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("loại kỳ họp"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    title = models.CharField(_("tên kỳ họp"), max_length=255, blank=True)
    start_date = models.DateField(_("khai mạc"), db_index=True)
    end_date = models.DateField(_("bế mạc"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["council", "-start_date"]
        indexes = [models.Index(fields=["council", "kind", "start_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "term", "number"],
                name="unique_session_number",
                violation_error_message=_("HĐND đã có kỳ họp mang số này trong nhiệm kỳ."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="session_dates_order",
                violation_error_message=_("Ngày bế mạc không được trước ngày khai mạc."),
            ),
        ]

    def __str__(self):
        return self.title or gettext("Kỳ họp thứ %(number)s — %(council)s") % {"number": self.number,
                                                                              "council": self.council}

    def clean(self):
        check_order(self, [("start_date", "end_date", _("Ngày bế mạc không được trước ngày khai mạc."))])


class SessionAgendaItem(Versioned):
    """Nội dung chương trình kỳ họp."""

    council_scope = "session__council"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("kỳ họp"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.CharField(_("cơ quan trình"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("nội dung kỳ họp")
        verbose_name_plural = _("nội dung kỳ họp")
        ordering = ["session", "order"]

    def __str__(self):
        return self.title


class SessionDocument(TimeStamped):
    """Tài liệu kỳ họp, with the moment it reached deputies (to measure the lead time before opening)."""

    council_scope = "session__council"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="documents", verbose_name=_("kỳ họp"))
    title = models.CharField(_("tên tài liệu"), max_length=500)
    file = models.FileField(_("tệp"), upload_to="sessions/%Y/", blank=True)
    sent_at = models.DateTimeField(_("gửi đại biểu lúc"), null=True, blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tài liệu kỳ họp")
        verbose_name_plural = _("tài liệu kỳ họp")
        ordering = ["session", "title"]

    def __str__(self):
        return self.title


class SessionDocumentRead(models.Model):
    """Lượt mở tài liệu kỳ họp: the first time a deputy opened a session document (a read receipt).

    A receipt is a fact about a reader, not a change of the document: it has no version and does not raise
    the document's. One per document and deputy; later openings change nothing."""

    council_scope = "document__session__council"

    document = models.ForeignKey(SessionDocument, on_delete=models.PROTECT, related_name="reads",
                                 verbose_name=_("tài liệu kỳ họp"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="document_reads",
                               verbose_name=_("đại biểu"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("người dùng"))
    opened_at = models.DateTimeField(_("mở lần đầu lúc"), db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lượt mở tài liệu kỳ họp")
        verbose_name_plural = _("lượt mở tài liệu kỳ họp")
        ordering = ["document", "opened_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "deputy"], name="unique_document_read",
                                    violation_error_message=_("Đại biểu đã mở tài liệu này.")),
        ]

    def __str__(self):
        return f"{self.deputy} — {self.document}"
