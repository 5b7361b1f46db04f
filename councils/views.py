"""Pages of the councils app: sign-in, the home page per role."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import scoping, selectors
from .choices import Role
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    council = scoping.primary_council(request.user)
    if council is None:
        return render(request, "councils/no_council.html", status=403)
    roles = scoping.roles_for(request.user, council)
    counts = selectors.home_counts(request.user, council)
    if Role.SECRETARIAT in roles or Role.ADMINISTRATOR in roles or request.user.is_superuser:
        persona = "secretariat"
    elif Role.DEPUTY in roles:
        persona = "deputy"
    else:
        persona = "party_viewer"
    return render(request, "councils/home.html", {"council": council, "counts": counts, "persona": persona})
