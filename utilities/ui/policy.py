"""What the page framework asks the domain, registered once by the foundation app in its AppConfig.

The framework cannot import the apps built on it, so the questions only the domain can answer (which
council a user's pages are about, may they write, may they edit this record, the record's history) are
functions set here at start-up. The defaults answer as for a signed-in user with no rights.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Policy:
    home_council: Callable[[Any], Any] = lambda user: None
    persona: Callable[[Any, Any], str] = lambda user, council: ""
    # Whether the user's lists span every council (nothing narrows them before their filters).
    sees_everything: Callable[[Any], bool] = lambda user: bool(getattr(user, "is_superuser", False))
    can_write_anywhere: Callable[[Any], bool] = lambda user: bool(getattr(user, "is_superuser", False))
    can_edit: Callable[[Any, Any], bool] = lambda user, obj: bool(getattr(user, "is_superuser", False))
    history: Callable[[Any], list] = lambda obj: []
    # What changed a record since the version a form was rendered with, said to the user (a stale save).
    stale_message: Callable[[Any, int], str] = lambda obj, version: ""


policy = Policy()


def configure(**answers: Callable) -> None:
    """Set the domain's answers (unknown names are a programming error, so they raise)."""
    for name, function in answers.items():
        if not hasattr(policy, name):
            raise TypeError(f"ui.policy has no question {name!r}")
        setattr(policy, name, function)
