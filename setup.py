"""The compiled modules: the respellings of name words (src/watchlist/normalize/_respell.c),
the typing-error distance (src/watchlist/match/_typo.c), the ranking
of candidate names (src/watchlist/index/_rank.c), the index lookups before it
(src/watchlist/index/_lookup.c) and the shortlist after it
(src/watchlist/match/_shortlist.c).

`optional=True`: where no C compiler is at hand the install goes on and watchlist uses the same
algorithm in Python (slower, same results). Everything else is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("watchlist.normalize._respell", ["src/watchlist/normalize/_respell.c"], optional=True),
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
)
