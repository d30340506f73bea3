"""Names to comparable form: scripts, transliteration, name parts, legal forms, phonetic keys.

Pure functions of their input; the index and the scorer both read names through them.
"""

from watchlist.normalize.features import TokenFeatures, loose_form
from watchlist.normalize.names import (
    NameMode,
    NameToken,
    TokenKind,
    TokenRole,
    Unit,
    analyze_name,
    is_title,
    name_mode,
    name_units,
)
from watchlist.normalize.phonetic import glide_skeleton, phonetic_key, skeleton
from watchlist.normalize.text import fold_text, has_abjad, transliterate

__all__ = [
    "NameMode",
    "NameToken",
    "TokenFeatures",
    "TokenKind",
    "TokenRole",
    "Unit",
    "analyze_name",
    "fold_text",
    "glide_skeleton",
    "has_abjad",
    "is_title",
    "loose_form",
    "name_mode",
    "name_units",
    "phonetic_key",
    "skeleton",
    "transliterate",
]
