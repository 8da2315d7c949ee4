"""Settings shared by the robustness tests.

Hypothesis profiles: ``ci`` (the default) keeps the property tests to a few
seconds; ``thorough`` searches much harder, for a run by hand after changing
the parser::

    HYPOTHESIS_PROFILE=thorough .venv/bin/pytest tests/robustness/test_parser_properties.py
"""

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

# A normal article parses in a few milliseconds and the generated inputs are at
# most some tens of kilobytes: two seconds is a blow-up, not a busy machine.
PER_INPUT_DEADLINE = timedelta(seconds=2)

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=PER_INPUT_DEADLINE,
    # Long generated strings are the point of these tests, not a mistake.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("ci"),
    max_examples=5000,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
