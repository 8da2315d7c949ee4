"""Compile the article parser (``articles/ingest``) to C with mypyc, in place.

    python scripts/compile_parser.py          # make parser
    python scripts/compile_parser.py --clean  # make parser-clean

Each compiled module gets an extension module beside its ``.py``; a digest of
every source goes to ``articles/ingest/compiled.json``, so that a compiled copy
of a source edited since is never loaded (``articles/ingest/compiled.py`` says
why). The C code and objects go to ``build/parser/``.
"""

import argparse
import importlib.util
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "parser"


def load_compiled_module():
    """``articles/ingest/compiled.py`` on its own: importing the package would load
    the modules this script is about to replace."""
    path = ROOT / "articles" / "ingest" / "compiled.py"
    spec = importlib.util.spec_from_file_location("parser_build_plan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def clean(plan) -> None:
    for path in plan.extension_files():
        path.unlink()
    plan.MANIFEST.unlink(missing_ok=True)


def compile_parser(plan) -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    clean(plan)  # a module since removed or left out must not leave its old build behind
    sources = [str(path.relative_to(ROOT)) for path in plan.compiled_sources()]
    extensions = mypycify(
        sources,
        opt_level="3",
        target_dir=str(BUILD),
        # One shared library, named for the package rather than a hash of its modules.
        separate=[(sources, "articles.ingest.native")],
    )
    setup(
        name="newsroom-parser",
        ext_modules=extensions,
        packages=[],  # only the extensions: no package discovery over the project
        py_modules=[],
        script_args=["--quiet", "build_ext", "--inplace", "--build-temp", str(BUILD / "temp")],
    )
    plan.write_manifest()
    print(f"compiled {len(sources)} modules of articles/ingest")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = parser.parse_args()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    plan = load_compiled_module()
    if args.clean:
        clean(plan)
    else:
        compile_parser(plan)


if __name__ == "__main__":
    main()
