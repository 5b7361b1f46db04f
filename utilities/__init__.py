"""The ground floor: domain-free frameworks every app builds on (pages, API pieces, xlsx, uploads, text).

Nothing here names a domain app; where a piece needs the council scope it calls the model's own
queryset (``Model.objects.for_user(user)``), and what only the domain knows (who may write, a user's
home council, a record's history) is registered by the foundation app in its AppConfig (``ui.policy``).
"""
