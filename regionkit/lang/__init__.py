"""Mentions in the region's own languages: detection, name tables, morphology and traps.

Nothing here is imported by ``import regionkit``; a language's tables load on its first use.

* :func:`detect_language` – ISO 639-1 code of an article (``_detect.py``);
* :func:`scan_language` – mentions of one non-English language (``_scan.py``, rules L1-L6);
* :func:`mentions_for` – the English scan plus the article's own language, merged
  (what :func:`regionkit.extract_mentions` calls for a non-English article).

Languages with name tables: ``LANGUAGES``.
"""

from __future__ import annotations

from functools import lru_cache

from regionkit.lang._detect import SUPPORTED as LANGUAGES
from regionkit.lang._detect import detect_language
from regionkit.lang._scan import language_table, scan_language

__all__ = [
    "LANGUAGES",
    "check_language",
    "detect_language",
    "detect_languages",
    "language_table",
    "merge_mentions",
    "normalize_native",
    "scan_language",
]


def detect_languages(texts, given=None) -> list[str | None]:
    """Languages of many texts: ``given`` values where they are filled (validated), else detected.

    Parameters
    ----------
    texts
        An iterable of str (None/NaN allowed: they give None).
    given
        An optional iterable of the same length with known codes (None/NaN/"" = detect).

    Returns
    -------
    list of str or None
    """
    texts = list(texts)
    known = list(given) if given is not None else [None] * len(texts)
    out: list[str | None] = []
    for text, code in zip(texts, known, strict=True):
        if isinstance(code, str) and code:
            out.append(code.split("-")[0].lower())
        else:
            out.append(detect_language(text))
    return out


def normalize_native(value: str, demonyms: bool = False, gazetteer=None) -> str | None:
    """ISO3 of a country name in one of the region's languages or a European exonym, else None.

    The names come from the language tables of *gazetteer* (a :class:`regionkit.Gazetteer`; None: the current one).
    """
    from regionkit.lang._normalize import lookup

    return lookup(value, demonyms, gazetteer)


def check_language(language: object) -> str | None:
    """Validate a ``language=`` argument: None (detect) or a supported ISO 639-1 code."""
    if language is None:
        return None
    if not isinstance(language, str) or language.split("-")[0].lower() not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; use None (detect) or one of {', '.join(LANGUAGES)}")
    return language.split("-")[0].lower()


def merge_mentions(english: list, native: list, text: str, lang: str, gazetteer=None) -> list:
    """Merge the English scan and the scan of ``lang``: overlaps go to the longer span, then to ``lang``.

    In a Latin-script article, English hits that are common words of ``lang`` (the
    language's own spelling of something else, e.g. Turkish "mali") are dropped unless
    they are multi-word or written as an abbreviation.
    """
    if not native and not english:
        return []
    out: list = []
    taken: list[tuple[int, int]] = []
    for entry, a, b in sorted(native, key=lambda h: h[1]):
        out.append((entry, a, b))
        taken.append((a, b))
    risky = _english_traps(lang, gazetteer)
    languages = _language_names()
    for entry, a, b in english:
        if any(a < tb and ta < b for ta, tb in taken):
            continue
        if risky and text[a:b].lower() in risky:
            continue
        if entry.kind == "demonym" and text[a:b] in languages:  # "English | Русский" switchers, "English original"
            continue
        out.append((entry, a, b))
    out.sort(key=lambda h: (h[1], h[2]))
    return out


def _english_traps(lang: str, gazetteer=None) -> frozenset[str]:
    """English single-word names that are words of ``lang`` (traps.csv rows with lang ``en>xx``)."""
    from regionkit.lang._scan import _all_rows

    _, _, traps = _all_rows(gazetteer)
    return frozenset(t["surface"].lower() for t in traps if t["lang"] == f"en>{lang}")


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """English names of languages (CLDR via babel): in a non-English page they label a language, not a nation."""
    try:
        from babel import Locale
    except ImportError:  # babel is optional; a short fallback of the languages met in this region's press
        return frozenset(["English", "Russian", "French", "German", "Arabic", "Persian", "Turkish", "Chinese", "Spanish", "Hebrew"])
    return frozenset(n for n in Locale.parse("en").languages.values() if " " not in n)
