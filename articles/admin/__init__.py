"""Admin screens for articles and quotes (registered on import by admin autodiscovery)."""

from .article import ArticleAdmin
from .quote import QuoteAdmin

__all__ = ["ArticleAdmin", "QuoteAdmin"]
