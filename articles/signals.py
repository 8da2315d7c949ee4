"""Signals that let other parts of the site react to content changes.

The importer writes blocks, quotes and mentions with bulk queries, which send
no ``post_save``; it sends ``articles_imported`` instead, once the transaction
that wrote the articles has committed. Listeners (search index, page cache)
receive ``article_ids``: the primary keys of the articles created or updated.
"""

from django.dispatch import Signal

articles_imported = Signal()
