"""Template context every page needs: the user's primary council and roles, for the navigation."""

from . import scoping


def portal(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    council = scoping.primary_council(user)
    roles = scoping.roles_for(user, council) if council else set()
    return {"portal_council": council, "portal_roles": roles}
