"""The portal's own records: each user's calendar feed (the secret address of their iCalendar file)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeed(models.Model):
    """Lịch công tác (iCalendar) của một người dùng: its token is derived from ``nonce`` and the secret key, and
    only the token's SHA-256 is stored, so the database alone opens no feed. A new nonce revokes the old
    address; a revoked feed has no hash at all."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed",
                                verbose_name=_("người dùng"))
    nonce = models.CharField(_("mã sinh khóa"), max_length=64)
    token_hash = models.CharField(_("băm của khóa"), max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("lịch công tác cá nhân")
        verbose_name_plural = _("lịch công tác cá nhân")

    def __str__(self):
        return str(self.user)
