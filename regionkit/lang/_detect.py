"""Language of an article: the script decides where it can, py3langid (a model shipped in its package) the rest.

Measured on short news (see ``tests/test_lang_detect.py`` and ``notes``): the script of the
letters alone separates Armenian, Georgian and Hebrew; within Cyrillic the letters that only
Kazakh (ә ғ қ ң ө ұ ү һ і) or Uzbek (ў қ ғ ҳ) use, and within Arabic script the letters of
Persian (پ چ ژ گ and the Persian yeh/kaf) are reliable; py3langid then chooses among the
languages left. py3langid has no Uzbek model, so Uzbek in Latin script is recognised by its
apostrophe letters (o' g' in any of four apostrophe characters) and frequent function words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SUPPORTED", "detect_language"]

#: languages with their own name tables (ISO 639-1); everything else gets the English scan only
SUPPORTED = ("en", "ru", "tr", "az", "kk", "uz", "ar", "fa", "he", "hy", "ka")
_SAMPLE = 2000  # characters read from the start of an article

_KK_ONLY = set("әөұүһіӘӨҰҮҺІ")
_UZ_CYRL = set("ўЎҳҲ")
_KK_UZ = set("ғқҒҚңҢ")
_OTHER_CYRL = set("іїєґўђјљњћџѓќѕІЇЄҐЎЂЈЉЊЋЏЃЌЅ")
_FA_ONLY = set("پچژگکیۀ")
_AR_ONLY = set("ةيكىإأ")  # Arabic yeh/kaf/teh marbuta; Persian texts rarely use them
_UZ_APOS = re.compile(r"[oOgG][\u02bb\u2018\u2019'`\u02bc][a-z]")
_UZ_WORDS = re.compile(r"\b(?:va|bilan|uchun|ham|bu|deb|esa|bo'yicha|ekan|qilish|davlat|yil|kerak|ularning|haqida|"
                       r"mamlakat|ning)\b", re.IGNORECASE)
_UZ_ENDINGS = re.compile(r"\b\w{3,}(?:ning|dagi|lari|larni|larga|ligi|iy)\b")
_LATIN_LANGS = ["en", "tr", "az", "de", "fr", "es", "it", "pt", "nl", "pl", "ro", "cs", "hu", "sv", "da", "no",
                "fi", "id", "ms", "hr", "sl", "sk", "lt", "lv", "et", "sq", "ku", "tl", "sw", "ca", "eu", "gl"]
_CYRL_LANGS = ["ru", "uk", "bg", "be", "mk", "sr", "kk", "ky", "mn"]
_ARAB_LANGS = ["ar", "fa", "ur", "ps", "ug"]


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)


def _classify(sample: str, langs: list[str]) -> str:
    """The best of ``langs`` for ``sample`` (py3langid's ranking, first 600 characters)."""
    allowed = set(langs)
    for lang, _score in _identifier().rank(sample[:600]):
        if lang in allowed:
            return lang
    return langs[0]


_NON_LATIN = re.compile("[\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff"
                        "\u10a0-\u10ff\u0250-\u036f]")
_EN_SET = frozenset("the and of to in is that for on with was were said has have by from its at a an".split())
_EN_WORDS = re.compile(r"\b(?:the|and|of|to|in|is|that|for|on|with|was|were|said|has|have|by|from|its|at)\b")


def _script_counts(sample: str) -> dict[str, int]:
    counts = {"latn": 0, "cyrl": 0, "arab": 0, "hebr": 0, "armn": 0, "geor": 0}
    for ch in sample:
        if not ch.isalpha():
            continue
        o = ord(ch)
        if o < 0x250:
            counts["latn"] += 1
        elif 0x400 <= o < 0x530:
            counts["cyrl"] += 1
        elif 0x530 <= o < 0x590 or 0xFB13 <= o <= 0xFB17:
            counts["armn"] += 1
        elif 0x590 <= o < 0x600 or 0xFB1D <= o < 0xFB50:
            counts["hebr"] += 1
        elif 0x600 <= o < 0x700 or 0x750 <= o < 0x780 or 0xFB50 <= o < 0xFE00 or 0xFE70 <= o < 0xFF00:
            counts["arab"] += 1
        elif 0x10A0 <= o < 0x1100 or 0x1C90 <= o < 0x1CC0 or 0x2D00 <= o < 0x2D30:
            counts["geor"] += 1
    return counts


def detect_language(text: object) -> str | None:
    """Return the ISO 639-1 code of the language of ``text`` (its first 2,000 characters), or None.

    The script decides Armenian (``hy``), Georgian (``ka``) and Hebrew (``he``); Kazakh and
    Uzbek Cyrillic are told from Russian by their own letters, Persian from Arabic by its
    letters; py3langid decides the rest among the languages of that script. Uzbek in Latin
    script is recognised by ``o'``/``g'`` and its function words (py3langid has no Uzbek).

    Parameters
    ----------
    text
        Any string; None, NaN, non-strings and text without letters give None.

    Returns
    -------
    str or None
        ``"en"``, ``"ru"``, ``"tr"``, ``"az"``, ``"kk"``, ``"uz"``, ``"ar"``, ``"fa"``, ``"he"``,
        ``"hy"``, ``"ka"`` or another code py3langid knows (``"uk"``, ``"de"``, ...).

    Examples
    --------
    >>> detect_language("Президент Казахстана провёл переговоры с премьер-министром Армении.")
    'ru'
    >>> detect_language("Dışişleri Bakanı bugün Azerbaycan'ı ziyaret etti.")
    'tr'
    """
    if not isinstance(text, str) or not text:
        return None
    head = text[:500]
    if not _NON_LATIN.search(head):  # fast path for English news: no script count, no model
        words = head.lower().split()
        hits = sum(map(_EN_SET.__contains__, words))
        if hits >= max(2, 0.1 * len(words)) or (hits and len(words) < 8):
            return "en"
    sample = unicodedata.normalize("NFC", text[:_SAMPLE])
    counts = _script_counts(sample)
    total = sum(counts.values())
    if not total:
        return None
    script = max(counts, key=lambda k: counts[k])
    if script == "latn":  # a Cyrillic/Arabic/... article with a long English banner keeps its own language
        other = max((k for k in counts if k != "latn"), key=lambda k: counts[k])
        if counts[other] >= 0.35 * total:
            script = other
    if script in ("hebr", "armn", "geor"):
        return {"hebr": "he", "armn": "hy", "geor": "ka"}[script]
    if script == "cyrl":
        return _cyrillic(sample, counts["cyrl"])
    if script == "arab":
        return _arabic(sample)
    return _latin(sample)


def _cyrillic(sample: str, n: int) -> str:
    kk = sum(ch in _KK_ONLY for ch in sample)
    uz = sum(ch in _UZ_CYRL for ch in sample)
    both = sum(ch in _KK_UZ for ch in sample)
    if uz >= 1 and uz + both >= 0.01 * n and uz >= kk and "і" not in sample:
        return "uz"
    if not kk and not both and not any(ch in _OTHER_CYRL for ch in sample):
        if any(ch in "ыэёЫЭЁ" for ch in sample) or sample.count("ъ") <= 1:
            return "ru"  # no letter of another Cyrillic language: short Russian texts fool the model
    lang = _classify(sample, _CYRL_LANGS)
    if kk >= 3 and kk + both >= 0.02 * n and lang in ("kk", "ru", "ky", "mn"):
        return "kk"
    return lang


def _arabic(sample: str) -> str:
    fa = sum(ch in _FA_ONLY for ch in sample)
    ar = sum(ch in _AR_ONLY for ch in sample)
    lang = _classify(sample, _ARAB_LANGS)
    if lang in ("ar", "fa"):
        return "fa" if fa > ar else "ar"
    return lang


def _latin(sample: str) -> str:
    words = max(1, len(sample.split()))
    if len(_EN_WORDS.findall(sample)) >= max(2, 0.1 * words):  # English news: no model needed (speed)
        return "en"
    uz_score = len(_UZ_APOS.findall(sample)) + len(_UZ_WORDS.findall(sample)) + len(_UZ_ENDINGS.findall(sample))
    turkic_letters = sum(ch in "ışğçöüəŞĞÇÖÜƏ" for ch in sample)
    if turkic_letters <= 0.2 * uz_score and uz_score >= (1 if words < 12 else max(2, 0.05 * words)):
        return "uz"
    lang = _classify(sample, _LATIN_LANGS)
    if lang == "tr" and "ə" in sample:
        return "az"
    return lang
