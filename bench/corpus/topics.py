"""What an article can be about, and the sentence banks the writer deals from for each.

Each topic: the main organisation's kinds, the things a story is about, headlines,
standfirsts ({org} is the main organisation), narration, quoted sentences, partial
quotes (noun phrases of five words or more) and subheads.
"""

from .phrases import COMMON_NARRATION, COMMON_PARTIALS, COMMON_QUOTES, COMMON_SUBHEADS
from .topics_neighbourhood import NEIGHBOURHOOD_TOPICS
from .topics_services import SERVICE_TOPICS

TOPICS = {**SERVICE_TOPICS, **NEIGHBOURHOOD_TOPICS}
TOPIC_NAMES = sorted(TOPICS)  # sorted: the draw must not depend on how the dict was built
# Each topic's sentences with the common ones, joined once: the writer deals from these.
BANKS = {
    name: {
        "quotes": topic["quotes"] + COMMON_QUOTES,
        "narration": topic["narration"] + COMMON_NARRATION,
        "partials": topic["partials"] + COMMON_PARTIALS,
        "subheads": topic["subheads"] + COMMON_SUBHEADS,
    }
    for name, topic in TOPICS.items()
}
