"""Per-language folding, clitics and endings: how an inflected word is matched to a stored name.

Approach (chosen by measuring on the dev texts, see ``docs`` in ``notes/issue-9.md``): every stored
name word is reduced to a *stem* once (Russian: the nominative ending removed, Georgian: the
nominative ``-ი``, Arabic: the article ``ال``; agglutinative languages keep the nominative), and a
word of the text matches when it is ``[clitic prefix] + stem + tail`` where the tail is a sequence
of that language's case/number/derivation endings (a table per language below). Turkish and
Azerbaijani accept any suffix after an apostrophe. The surface keeps the word as written.

A table of endings in the matcher needs no dictionary at run time and is linear in the text;
a full analyser (pymorphy3) would add a 10 MB dictionary for Russian only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["SPECS", "Spec", "fold_word"]

_APOS = "'\u2019\u2018\u02bb\u02bc`\u00b4"
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f]")
_HE_MARKS = re.compile("[\u0591-\u05bd\u05bf-\u05c7\u200c\u200d\u200e\u200f]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك",
                         "ة": "ه", "ۀ": "ه", "ە": "ه", "ے": "ي", "ك": "ك"})
_APOS_MAP = str.maketrans({c: "'" for c in _APOS} | {"\u05f3": "'", "\u05f4": '"'})


def _fold_ru(w: str) -> str:
    return w.lower().replace("ё", "е")


def _fold_tr(w: str) -> str:
    return w.replace("İ", "i").replace("I", "i").lower().replace("ı", "i").replace("i\u0307", "i").translate(_APOS_MAP)


def _fold_latin(w: str) -> str:
    return w.lower().translate(_APOS_MAP)


def _fold_ar(w: str) -> str:
    return _AR_MARKS.sub("", w).translate(_AR_MAP)


def _fold_he(w: str) -> str:
    return _HE_MARKS.sub("", w).translate(_APOS_MAP)


def _fold_lower(w: str) -> str:
    return w.lower()


def _alt(*parts: str) -> str:
    return "(?:" + "|".join(sorted(set(parts), key=len, reverse=True)) + ")"


# ------------------------------------------------------------------ endings (folded spelling)
_RU_END = _alt("", "а", "я", "у", "ю", "ом", "ем", "е", "ы", "и", "ой", "ей", "ою", "ею", "ам", "ям", "ами", "ями",
               "ах", "ях", "ов", "ев", "ь", "й", "ий", "ый", "ая", "яя", "ое", "ее", "ие", "ые", "ого", "его", "ому",
               "ему", "им", "ым", "ую", "юю", "их", "ых", "ими", "ыми")
_KK_M = _alt("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "а", "е", "ны", "ні", "ды",
             "ді", "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен",
             "мен", "бен", "пен", "лық", "лік", "дық", "дік", "тық", "тік", "дағы", "дегі", "тағы", "тегі", "ндағы",
             "ндегі", "лар", "лер", "дар", "дер", "тар", "тер", "ы", "і", "сы", "сі", "ша", "ше", "ға", "ға")
_UZ_M = _alt("ning", "ni", "ga", "ka", "qa", "da", "dan", "dagi", "dek", "day", "gacha", "cha", "lik", "lar", "dir",
             "niki", "ki", "si", "i", "imiz", "ingiz", "mi", "ham", "u", "yu", "nинг", "нинг", "ни", "га", "ка", "қа",
             "да", "дан", "даги", "дек", "гача", "ча", "лик", "лар", "си", "и")
_TR_M = _alt("li", "lu", "lü", "lar", "ler", "in", "un", "ün", "nin", "nun", "nün", "i", "u", "ü", "yi", "yu", "yü",
             "ni", "nu", "nü", "a", "e", "ya", "ye", "na", "ne", "da", "de", "ta", "te", "nda", "nde", "dan", "den",
             "tan", "ten", "ndan", "nden", "la", "le", "yla", "yle", "ki", "dir", "dır", "tir", "dur", "dür", "ca", "ce",
             "ça", "çe", "daki", "deki", "taki", "teki", "ndaki", "ndeki")
_AZ_M = _alt("li", "lu", "lü", "lar", "lər", "in", "un", "ün", "nin", "nun", "nün", "i", "u", "ü", "yi", "yu", "yü",
             "ni", "nu", "nü", "a", "ə", "ya", "yə", "na", "nə", "da", "də", "dan", "dən", "nda", "ndə", "ndan",
             "ndən", "la", "lə", "yla", "ylə", "ki", "dir", "dur", "dür", "daki", "dəki", "ndaki", "ndəki")
_HY_M = _alt("ը", "ն", "ի", "ից", "ում", "ով", "ին", "ներ", "ները", "ների", "ներից", "ներում", "ներով", "ներին",
             "յան", "յանը", "յանի", "ական", "ականը", "ականի", "ցի", "ցին", "ցու", "ցիներ", "ցիները", "ցիների", "ու",
             "ուց", "ում", "ից", "յի", "յից", "յում", "յով", "յին", "ա", "ան")
_KA_M = _alt("ი", "ის", "ს", "ში", "ით", "ად", "მა", "მ", "თან", "ზე", "დან", "იდან", "ისგან", "სგან", "ისთვის",
             "სთვის", "თვის", "ისკენ", "სკენ", "ც", "ელი", "ელმა", "ელს", "ელის", "ელები", "ელების", "ელებს", "ელებმა",
             "ელ", "ური", "ულ", "ული", "ულმა", "ულის", "ულ", "თ", "ო", "ზეც", "შიც", "საც", "ისაც")
_AR_END = _alt("", "ي", "يه", "يين", "يون", "يان", "يتين", "ين", "يات", "يا")
_FA_END = _alt("", "ي", "اي", "يي", "ها", "هاي", "هايي", "يان", "ييان", "ئي", "يها", "يهاي")
_HE_END = _alt("", "י", "ית", "ים", "יות", "אי", "אים", "אית", "איות")


def _chain(morph: str, n: int) -> str:
    return f"(?:{morph}){{0,{n}}}"


@dataclass(frozen=True)
class Spec:
    """How one language matches inflected words against stored stems."""

    lang: str
    fold: Callable[[str], str]
    tail: re.Pattern  # allowed endings after the stem (folded), fullmatch
    prefixes: tuple[str, ...] = ("",)  # clitics glued before the word (folded), longest first
    cased: bool = True  # the script has upper and lower case
    apostrophe_suffix: bool = False  # anything after an apostrophe is a suffix (Turkish, Azerbaijani)
    hyphen_tail: re.Pattern | None = None  # extra endings allowed right before a hyphen ("казахстанско-")
    min_stem: int = 3
    quote_chars: str = _APOS
    stem_rules: tuple[tuple[str, str], ...] = field(default=())  # (stored word ending, removed part), first wins
    strip_article: bool = False  # Arabic: the stored word loses its article ال

    def stem(self, word: str) -> str:
        """The stored stem of a name word (already folded)."""
        if self.strip_article and word.startswith("ال") and len(word) > 3:
            word = word[2:]
        for ending, cut in self.stem_rules:
            if word.endswith(ending) and len(word) - len(cut) >= self.min_stem:
                return word[: len(word) - len(cut)]
        return word


def _he_prefixes() -> tuple[str, ...]:
    letters = "ושהבכלמ"
    out = {""} | set(letters)
    out |= {a + b for a in letters for b in letters if a != b}
    out |= {a + b + c for a in "וש" for b in "הבכלמ" for c in "ה" if b != c}
    out |= {"וכש", "ומה", "ושב", "ושל", "ושה"}
    return tuple(sorted(out, key=len, reverse=True))


def _ar_prefixes() -> tuple[str, ...]:
    conj = ["", "و", "ف"]
    prep = ["", "ب", "ل", "ك"]
    out = set()
    for c in conj:
        for p in prep:
            out.add(c + p)
            out.add(c + p + "ال")
        out.add(c + "لل")
    return tuple(sorted(out, key=len, reverse=True))


_RU_STEM = (("ия", "я"), ("ая", "ая"), ("ое", "ое"), ("ые", "ые"), ("ий", "ий"), ("ый", "ый"), ("ой", "ой"),
            ("ы", "ы"), ("а", "а"), ("я", "я"), ("ь", "ь"), ("й", "й"))

SPECS: dict[str, Spec] = {
    "ru": Spec("ru", _fold_ru, re.compile(_RU_END), hyphen_tail=re.compile("(?:о|е)"), stem_rules=_RU_STEM),
    "kk": Spec("kk", _fold_ru, re.compile(_chain(_KK_M, 3)), hyphen_tail=re.compile("(?:о|е)"),
               stem_rules=(("ия", "я"), ("ская", "ая"), ("ский", "ий"))),
    "uz": Spec("uz", _fold_latin, re.compile(_chain(_UZ_M, 3))),
    "tr": Spec("tr", _fold_tr, re.compile(_chain(_TR_M, 3)), apostrophe_suffix=True),
    "az": Spec("az", _fold_tr, re.compile(_chain(_AZ_M, 3)), apostrophe_suffix=True),
    "hy": Spec("hy", _fold_lower, re.compile(_chain(_HY_M, 2))),
    "ka": Spec("ka", _fold_lower, re.compile(_chain(_KA_M, 2)), cased=False, stem_rules=(("ი", "ი"),)),
    "ar": Spec("ar", _fold_ar, re.compile(_AR_END), prefixes=_ar_prefixes(), cased=False, strip_article=True,
               min_stem=2, stem_rules=(("ي", "ي"),)),
    "fa": Spec("fa", _fold_ar, re.compile(_FA_END), cased=False, min_stem=2),
    "he": Spec("he", _fold_he, re.compile(_HE_END), prefixes=_he_prefixes(), cased=False, min_stem=2,
               quote_chars=_APOS + "\u05f3\u05f4\""),
}


def fold_word(lang: str, word: str) -> str:
    """Fold ``word`` the way language ``lang`` compares words (case, letter variants, marks)."""
    return SPECS[lang].fold(unicodedata.normalize("NFC", word))
