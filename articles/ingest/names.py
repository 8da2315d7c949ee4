"""Name normalisation shared by the importer and the database.

Plain Python with no Django import: the people app stores the output of
``normalize_name`` in an indexed column so the importer can link a name in new
text to an entity editors already curated with one query.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final

_APOSTROPHES: Final = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
)
_DASHES: Final = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"}
)
_SPACES: Final = re.compile(r"\s+")
_POSSESSIVE: Final = re.compile(r"(?<=\w)'s\b|(?<=\w)'(?=\s|$)")
_LEADING_THE: Final = re.compile(r"^the\s+")


def unify_punctuation(text: str) -> str:
    """Replace typographic apostrophes and dashes with their ASCII forms."""
    return text.translate(_APOSTROPHES).translate(_DASHES)


# The parser compares names with every person or organisation found so far; without
# the cache, an article naming a thousand people spends seconds re-normalising.
@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Return the lookup key for a name: the same for every way of typing it.

    Apostrophe and dash variants, letter case, accents' composed/decomposed
    forms, possessive endings, a leading "the", surrounding punctuation and
    runs of whitespace all compare equal, so "Steve O’Connell" and
    "steve  o'connell" share one key, as do "Her Majesty’s Inspectorate" and
    the misspelt "Her Majesty’ Inspectorate", and "the Met" and "Met".

    >>> normalize_name("Steve O’Connell") == normalize_name("STEVE O'CONNELL")
    True
    """
    text = unicodedata.normalize("NFC", unify_punctuation(name)).casefold()
    text = _POSSESSIVE.sub("", _SPACES.sub(" ", text))
    return _LEADING_THE.sub("", text.strip(" .,;:'\""))
