"""One ``import_seeds`` run for the concurrency test (run with ``python -m``).

    python -m tests.articles.concurrent_import_worker READY GO FILE...

The worker touches READY once Django is set up, then waits for GO, so that
both processes start importing at the same moment; then it runs the real
command, parser included, on the FILEs in the order given.
"""

import os
import sys
import time
from pathlib import Path

import django


def main(ready: str, go: str, *files: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    django.setup()
    from django.core.management import CommandError, call_command

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
