"""Admin screens for people and organisations (registered on import by admin autodiscovery)."""

from .organisation import OrganisationAdmin
from .person import PersonAdmin

__all__ = ["OrganisationAdmin", "PersonAdmin"]
