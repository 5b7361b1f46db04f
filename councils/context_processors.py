"""Template context every page needs: the user's primary council, roles and persona, for the navigation."""

from . import permissions, scoping, selectors


def portal(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    council = selectors.primary_council(user)
    roles = scoping.roles_for(user, council) if council else set()
    own_deputies = sorted(scoping.deputy_ids(user))
    return {
        "portal_council": council,
        "portal_roles": roles,
        "portal_persona": permissions.persona(user, council),
        "portal_deputy_id": own_deputies[0] if own_deputies else None,
    }
