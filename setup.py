"""The compiled modules.

Written in C: the respellings of name words (src/watchlist/normalize/_respell.c), the
typing-error distance (src/watchlist/match/_typo.c), the ranking of candidate names
(src/watchlist/index/_rank.c), the index lookups before it (src/watchlist/index/_lookup.c) and
the shortlist after it (src/watchlist/match/_shortlist.c). `optional=True`: where no C compiler
is at hand the install goes on and watchlist uses the same algorithm in Python (slower, same
results).

Compiled from Python by mypyc: the modules a query runs through (MYPYC_MODULES), from their
own typed source, into one library (`watchlist_compiled__mypyc`, beside the package) and a
small extension per module that takes the place of its `.py` on import. A query spends most of
its time in the interpreter between the C loops above; compiled, that glue costs about a
quarter less (benchmarks/RESULTS.md, Screening). Where mypyc is missing, the build fails, or
WATCHLIST_PURE_PYTHON=1, the modules run as Python, with the same results (an in-place build
then removes what an earlier one compiled). After editing one of them, `make` (any target)
compiles it again: until then the compiled module, not the edited source, is what runs. mypyc
needs the dependencies installed beside it to type-check the modules, which pip's isolated
build has not: `make` installs first, then compiles in place (`setup.py build_ext --inplace
--force`); elsewhere, `pip install --no-build-isolation` in an environment that has them and
mypy.

Everything else is in pyproject.toml.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

C_EXTENSIONS = [
    Extension(
        "watchlist.normalize._respell", ["src/watchlist/normalize/_respell.c"], optional=True
    ),
    Extension("watchlist.match._typo", ["src/watchlist/match/_typo.c"], optional=True),
    Extension(
        "watchlist.match._shortlist",
        ["src/watchlist/match/_shortlist.c"],
        depends=["src/watchlist/_arrays.h", "src/watchlist/_sort.h"],
        optional=True,
    ),
    Extension(
        "watchlist.index._lookup",
        ["src/watchlist/index/_lookup.c"],
        depends=["src/watchlist/_arrays.h", "src/watchlist/_sort.h"],
        optional=True,
    ),
    Extension(
        "watchlist.index._rank",
        ["src/watchlist/index/_rank.c"],
        depends=["src/watchlist/_arrays.h"],
        optional=True,
    ),
]

# Kept in step with MYPYC_SOURCES in the Makefile.
MYPYC_MODULES = [
    "src/watchlist/normalize/text.py",
    "src/watchlist/normalize/phonetic.py",
    "src/watchlist/normalize/keyboard.py",
    "src/watchlist/normalize/glossary.py",
    "src/watchlist/normalize/names.py",
    "src/watchlist/normalize/features.py",
    "src/watchlist/index/names.py",
    "src/watchlist/index/candidates.py",
    "src/watchlist/match/similarity.py",
    "src/watchlist/match/shortlist.py",
    "src/watchlist/match/names.py",
    "src/watchlist/match/features.py",
    "src/watchlist/screen/screener.py",
]
# Not inside the package: mypyc sets each module's `__file__` from where its library lies.
MYPYC_GROUP = "watchlist_compiled"
MYPYC_LIBRARY = MYPYC_GROUP + "__mypyc"


def mypyc_extensions() -> list[Extension]:
    if os.environ.get("WATCHLIST_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        return []  # pip's isolated build, say: `make` compiles them in place afterwards
    try:
        made = mypycify(MYPYC_MODULES, opt_level="3", group_name=MYPYC_GROUP)
    except SystemExit:
        # mypyc compiles only what type-checks: where numpy or the other dependencies are
        # not installed beside it, nothing does.
        print("watchlist: the query path stays Python (mypyc's errors above)", file=sys.stderr)
        return []
    except Exception as error:
        print(f"watchlist: the query path stays Python (mypyc: {error})", file=sys.stderr)
        return []
    for extension in made:
        extension.optional = True
    # The library first: each module's extension is built only once it is (BuildExt).
    made.sort(key=lambda extension: extension.name != MYPYC_LIBRARY)
    return made


def _compiled_in_place() -> list[Path]:
    """Where an in-place build puts the library and each module's extension."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    stems = [f"src/{MYPYC_LIBRARY}", *(path.removesuffix(".py") for path in MYPYC_MODULES)]
    return [Path(stem + suffix) for stem in stems]


class BuildExt(build_ext):
    """Leaves the mypyc modules as Python when their library fails to build: a module's own
    small extension would build, then fail to import without it. In place (`make`), what an
    earlier build compiled goes too, so that the source as it stands is what runs."""

    def run(self) -> None:
        self._mypyc_library_built = False
        if self.inplace and not any(ext.name == MYPYC_LIBRARY for ext in self.extensions):
            self._remove_compiled()  # mypyc left out (or failed to type-check) this time
        super().run()

    def build_extension(self, ext: Any) -> None:
        mypyc_module = ext.name != MYPYC_LIBRARY and any(
            ext.name == path.removeprefix("src/").removesuffix(".py").replace("/", ".")
            for path in MYPYC_MODULES
        )
        if mypyc_module and not self._mypyc_library_built:
            self.warn(f"{ext.name}: left as Python ({MYPYC_LIBRARY} was not built)")
            return
        try:
            super().build_extension(ext)
        except Exception:
            if ext.name == MYPYC_LIBRARY:
                self._remove_compiled()
            raise
        if ext.name == MYPYC_LIBRARY:
            self._mypyc_library_built = True

    def _remove_compiled(self) -> None:
        if self.inplace:
            for built in _compiled_in_place():
                built.unlink(missing_ok=True)


setup(ext_modules=C_EXTENSIONS + mypyc_extensions(), cmdclass={"build_ext": BuildExt})
