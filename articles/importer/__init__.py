"""The loader: persists articles parsed by ``articles.ingest`` through the ORM.

    >>> from articles.importer import import_article
    >>> result = import_article(parsed=read_article(path), publish=False, dry_run=False)

One transaction per article and a fixed number of queries whatever its
length; ``batch.import_new_articles`` writes many articles never imported
before in one transaction, with a fixed number of queries per batch. The rules
for linking names to existing people and organisations are in ``entities``;
the rules that keep editors' work on re-import in ``plan``.
"""

from .loader import import_article
from .results import ImportResult, Outcome

__all__ = ["ImportResult", "Outcome", "import_article"]
