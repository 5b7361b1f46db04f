"""Councils and their parts: levels, the council tree, terms, bodies, deputies, sessions, catalogues."""

from .access import AuditEntry, RoleAssignment, TemporaryPassword
from .bodies import Body, Deputy, Membership
from .catalogues import Agency, DayOff, Field
from .handovers import Handover, TermChangeover
from .imports import ImportJob
from .sessions import Session, SessionAgendaItem, SessionDocument, SessionDocumentRead
from .tree import AdministrativeLevel, Archivable, Council, ElectoralUnit, Term, TimeStamped, Versioned

__all__ = [
    # The council tree
    "TimeStamped", "Versioned", "Archivable", "AdministrativeLevel", "Council", "Term", "ElectoralUnit",
    # Bodies and deputies
    "Body", "Deputy", "Membership",
    # Sessions
    "Session", "SessionAgendaItem", "SessionDocument", "SessionDocumentRead",
    # Catalogues
    "Agency", "Field", "DayOff",
    # Access and history
    "RoleAssignment", "AuditEntry", "TemporaryPassword",
    # Excel imports
    "ImportJob",
    # Handovers and term changeovers
    "Handover", "TermChangeover",
]
