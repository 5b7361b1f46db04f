"""Building blocks shared by every HTML page: scoped lists (filters, search, sorting, pagination, htmx
refresh, Excel export), form pages that call a service, detail pages with their history, workflow buttons.

Pages hold no business logic: the queryset comes from a selector (scoped to the user), filtering from the
resource's FilterSet (the same one the API and exports use), writes from a service, and who may do what
from the domain's answers registered in ``policy``.
"""

from .cells import Column, Link, Section, display_value, edit_link, export_value, verbose
from .extras import page_links, register_links
from .forms import (
    DATE_PLACEHOLDER,
    ActorForm,
    PlausibleDateField,
    PlausibleDateTimeField,
    apply_service_errors,
    style_form,
)
from .lists import EXPORT_LIMIT, PAGE_SIZE, PortalPageMixin, ScopedListView
from .policy import configure, policy
from .records import (
    VERSION_FIELD,
    ObjectEditView,
    ObjectFormView,
    ScopedDetailView,
    ServiceActionView,
    ServiceFormView,
)
from .widgets import RemoteSelect, group_choices, make_searchable, register_grouping, suggestion_response

__all__ = [
    "DATE_PLACEHOLDER", "EXPORT_LIMIT", "PAGE_SIZE", "VERSION_FIELD", "ActorForm", "Column", "Link", "ObjectEditView",
    "ObjectFormView", "PlausibleDateField", "PlausibleDateTimeField", "PortalPageMixin", "RemoteSelect",
    "ScopedDetailView",
    "ScopedListView", "Section", "ServiceActionView", "ServiceFormView", "apply_service_errors", "configure",
    "display_value", "edit_link", "export_value", "group_choices", "make_searchable", "page_links", "policy",
    "register_grouping", "register_links", "style_form", "suggestion_response", "verbose",
]
