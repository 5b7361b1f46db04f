"""The councils' answers to the page framework's questions (``utilities.ui.policy``): which council a user's
pages are about, their persona, whether they may write and edit, and a record's history."""

from utilities import ui

from . import audit, permissions, selectors

ui.configure(
    home_council=selectors.primary_council,
    persona=permissions.persona,
    can_write_anywhere=permissions.can_write_anywhere,
    can_edit=permissions.can_manage_object,
    history=audit.history_for,
)
