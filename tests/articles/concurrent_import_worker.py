"""One ``import_seeds`` process for the concurrency test (run with ``python -m``).

    python -m tests.articles.concurrent_import_worker READY GO FILE...

Each FILE holds a JSON description of a parsed article (``source``,
``standfirst``, ``people``, ``organisations``): the test needs articles that
name people, whatever the parser of the day extracts, so the worker reads
those instead of parsing. Everything else is the real command and loader.
The worker touches READY once Django is set up, then waits for GO, so that
both processes start importing at the same moment.
"""

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import django


def parsed_from_json(path: Path):
    from tests.articles.parsed_builders import article, organisation, person, quote

    data = path.read_bytes()
    spec = json.loads(data)
    people = tuple(person(name) for name in spec["people"])
    return article(
        source=path.name,
        standfirst=spec["standfirst"],
        people=people,
        organisations=tuple(organisation(name) for name in spec["organisations"]),
        quotes=tuple(quote(f"Words of {p.name}", p.name) for p in people),
        checksum=hashlib.sha256(data).hexdigest(),
    )


def main(ready: str, go: str, *files: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.core.management import CommandError, call_command

    from articles.management.commands import import_seeds

    import_seeds.read_article = parsed_from_json
    Path(ready).touch()
    deadline = time.monotonic() + 30
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        call_command("import_seeds", *files)
    except CommandError as error:
        print(error, file=sys.stderr)
        return error.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
