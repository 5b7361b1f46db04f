"""Official documents (Word and PDF with the state heading) built from the records of the apps below."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self):
        # The buttons on the pages of the apps below (session, petition, activity, compliance dashboard).
        from . import links

        links.register()
