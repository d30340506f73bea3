"""The compiled respellings (normalize/_respell.c) give what their Python versions give."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from watchlist.normalize import features, phonetic

# Lower-case letters, as folded tokens hold them, and some of everything else ASCII has.
tokens = st.text(alphabet=string.ascii_lowercase * 4 + string.digits + "-' A", max_size=14)


def test_the_install_builds_the_compiled_respellings() -> None:
    assert features._compiled is not None and phonetic._compiled is not None


@settings(max_examples=5000, deadline=None)
@given(tokens)
def test_compiled_loose_form_is_the_python_one(token: str) -> None:
    assert features.loose_form.__wrapped__(token) == features._loose_form_python(token)


@settings(max_examples=5000, deadline=None)
@given(tokens, st.booleans())
def test_compiled_skeleton_is_the_python_one(token: str, abjad: bool) -> None:
    assert phonetic.skeleton.__wrapped__(token, abjad) == phonetic._skeleton_python(token, abjad)


def test_words_not_in_ascii_are_respelt_in_python() -> None:
    assert features._compiled.loose_form("müller") is None
    assert phonetic._compiled.skeleton("müller", False) is None
    assert features.loose_form("müller") == features._loose_form_python("müller")
    assert phonetic.skeleton("şahin") == phonetic._skeleton_python("şahin")


def test_the_spellings_of_the_docstrings_hold() -> None:
    assert [features.loose_form(w) for w in ("mohammed", "yousef")] == ["muhamid", "yusif"]
    assert {phonetic.skeleton(w) for w in ("mohammed", "muhammad", "mhmd")} == {"mhmd"}
    assert phonetic.skeleton("ai") == "ai"  # nothing left: the token itself
