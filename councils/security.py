"""What a sign-in and a sign-out set off, connected when the app is ready (``CouncilsConfig.ready``): the
session's lifetime starts counting."""

from django.contrib.auth.signals import user_logged_in

from utilities import session_lifetime

user_logged_in.connect(session_lifetime.start_session, dispatch_uid="session_lifetime.start_session")
