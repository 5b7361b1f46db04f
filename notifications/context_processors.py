"""The bell in the header: the signed-in user's unread count (one query per page, whatever the number)."""

from . import selectors


def bell(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    return {"notifications_unread": selectors.unread_count(user)}
