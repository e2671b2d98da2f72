"""Find country names, demonyms, capitals, metonyms and groups in one non-English language.

Tables (``data/gazetteer/lang/``; they are tables of the :class:`regionkit.Gazetteer` value,
``lang/<name>.csv``, written and read by ``to_disk``/``from_disk`` and sent to Dask workers with
it; a language's table is compiled once per gazetteer value, on the first use of that language):

* ``generated.csv`` – CLDR and pycountry names, CLDR capitals (``build.py``);
* ``curated.csv`` – short forms, abbreviations, demonyms/adjectives, metonyms, places,
  groups, organisations and historical states, each row with its ``source``;
* ``traps.csv`` – names that are also common words (checked with wordfreq): ``drop`` or
  ``context`` (kept only inside a sentence, not at its start, in an article that names
  another country in the same language).

Rules (each has a test in ``tests/test_lang.py``):

L1 Morphology: ``[clitic] + stem + endings`` per language (``_morph.py``); the surface is the
   whole word as written, offsets exact.
L2 Case: an abbreviation matches only as written (``США``, ``AQSh``, ``ABD``); a capitalised
   name needs a capital (``Того`` the country, not ``того`` "of that"); adjectives any case.
L3 Longest match wins: ``Латинская Америка`` is a region, ``آذربایجان شرقی`` an Iranian
   province, ``Türk Devletleri Teşkilatı`` an organisation, ``Türkmenistan`` is not ``Türk``.
L4 Turkic, not Turkish: ``Türk``/``türk`` counts for Türkiye only before a word of the
   Turkish state (hükümeti, askeri, ordusu, ...); ``Türk dünyası``, ``Türk halkları`` do not.
L5 Language, not nation: an adjective before a word for language or text (``русский
   язык``, ``O'zbek tili``, ``Rus dili``), or alone in a menu line (``English | Русский``),
   gives no row.
L6 Common words (traps.csv): ``drop`` rows never match; ``context`` rows need a country
   elsewhere in the article and must not open a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from regionkit._entry import Entry
from regionkit.lang._morph import SPECS, Spec

__all__ = ["language_table", "scan_language"]

_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u064b-\u065f\u0670" \
         "\u06d6-\u06ed\u0640\u200c\u200d"
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_GAP = re.compile(r"[ \u00a0\u202f\t]+$")

#: next words that make Türk mean the Turkish state (L4), folded Turkish/Azerbaijani
_TURK_STATE = ("hukumet", "hükümet", "asker", "ordu", "yetkili", "heyet", "disisler", "dışişler", "bayrag", "bayrağ",
               "vatandas", "vatandaş", "taraf", "lira", "sirket", "şirket", "buyukelci", "büyükelçi", "parlament",
               "silahli", "silahlı", "basin", "basın", "medya", "yargi", "yargı", "diplomat", "hava", "polis",
               "jandarma", "bakan", "devlet baskan", "hökumət", "əsgər", "ordu", "nümayəndə", "səfir", "silahlı",
               "büyükelçilig", "konsolos", "istihbarat", "savunma", "donanma", "dışişleri", "telekom", "lirası")
#: next words that make an adjective a language (L5), folded, per language
_LANGUAGE_NEXT = {
    "ru": ("язык", "текст", "перевод", "версия", "версии", "оригинал", "слов", "алфавит", "речь"),
    "kk": ("тіл", "тілі", "язык", "текст"),
    "uz": ("til", "xizmat", "тил", "хизмат"),
    "tr": ("dil", "alfabe", "servis", "yayın", "yayin"),
    "az": ("dil", "xidmət", "əlifba"),
}


@dataclass(frozen=True)
class _Item:
    entry: Entry
    words: tuple[str, ...]  # folded stems of the following words (the first is the index key)
    case: str  # "exact" (the first word as written), "title", "any"
    first: str  # the first stored word as written (for exact case)
    risk: str  # "", "context"


@dataclass
class LangTable:
    """The compiled name table of one language."""

    lang: str
    spec: Spec
    index: dict[str, list[_Item]]
    heads: frozenset[str]  # first two folded letters of every stem
    token: re.Pattern
    rows: list[dict[str, str]]


#: The language tables of a gazetteer value (``lang/<name>`` in :attr:`regionkit.Gazetteer.tables`).
LANG_TABLES = ("generated.csv", "curated.csv", "traps.csv", "exonyms.csv")


def _gazetteer(gazetteer: Any = None) -> Any:
    from regionkit.gazetteer import resolve_gazetteer

    return resolve_gazetteer(gazetteer)


def _read(name: str, gazetteer: Any = None) -> list[dict[str, str]]:
    """The rows of the language table *name* of the gazetteer (the shipped table when the value has none)."""
    gaz = _gazetteer(gazetteer)

    def build() -> list[dict[str, str]]:
        df = gaz.tables.get(f"lang/{name}")
        if df is None:  # a gazetteer folder written without language tables: the shipped ones
            from regionkit.gazetteer import default_gazetteer

            df = default_gazetteer().tables.get(f"lang/{name}")
        return [] if df is None else df.to_dict("records")
    return gaz.memo(("lang rows", name), build)


def _all_rows(gazetteer: Any = None) -> tuple[list[dict[str, str]], list[dict[str, str]], list[dict[str, str]]]:
    return _read("generated.csv", gazetteer), _read("curated.csv", gazetteer), _read("traps.csv", gazetteer)


def _case_of(word: str, spec: Spec) -> str:
    if not spec.cased:
        return "any"
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "any"
    if sum(c.isupper() for c in letters) >= 2:
        return "exact"
    return "title" if letters[0].isupper() else "any"


def _words(surface: str, lang: str) -> list[str]:
    return [w for w in re.split(r"[\s\-\u05be]+", surface.strip()) if w]


def language_table(lang: str, gazetteer: Any = None) -> LangTable:
    """Return the compiled table of ``lang`` in the gazetteer (default: the current one), built once per value."""
    gaz = _gazetteer(gazetteer)
    return gaz.memo(("lang table", lang), lambda: _build(lang, gaz))


def _build(lang: str, gazetteer: Any) -> LangTable:
    spec = SPECS[lang]
    generated, curated, traps = _all_rows(gazetteer)
    drop = {t["surface"] for t in traps if t["lang"] == lang and t["action"] == "drop"}
    context = {t["surface"] for t in traps if t["lang"] == lang and t["action"] == "context"}
    rows = [dict(r, group="") for r in generated if r["lang"] == lang]
    rows += [r for r in curated if r["lang"] == lang]
    seen: dict[tuple[str, ...], set] = {}
    items: list[tuple[tuple[str, ...], _Item]] = []
    for r in rows:
        if r["surface"] in drop:
            continue
        words = _words(r["surface"], lang)
        if not words:
            continue
        stems = tuple(spec.stem(spec.fold(w)) for w in words)
        entry = Entry(r["surface"], r.get("iso3") or None, r["kind"], r.get("group") or None,
                      _case_of(words[0], spec), r["source"])
        item = _Item(entry, stems, _case_of(words[0], spec), words[0], "context" if r["surface"] in context else "")
        seen.setdefault(stems, set()).add((entry.iso3, entry.group))
        items.append((stems, item))
    index: dict[str, list[_Item]] = {}
    for stems, item in items:
        if len(seen[stems]) > 1 and item.entry.kind not in ("blocker",):
            # one folded form, two referents (عمان: Oman and Amman): never guessed
            kinds = {i.entry.kind for s, i in items if s == stems}
            if "blocker" not in kinds:
                continue
        index.setdefault(stems[0], []).append(item)
    for lst in index.values():
        lst.sort(key=lambda i: (-len(i.words), i.entry.kind != "blocker"))
    quotes = re.escape(spec.quote_chars)
    token = re.compile(rf"{_LETTER}+(?:[{quotes}]{_LETTER}+)*")
    heads = frozenset(k[:2] for k in index)
    return LangTable(lang, spec, index, heads, token, rows)


# ------------------------------------------------------------------ matching
def _split_apostrophe(spec: Spec, folded: str) -> str:
    if spec.apostrophe_suffix:
        k = folded.find("'")
        if k > 0:
            return folded[:k]
    return folded


def _stems_of(table: LangTable, folded: str, hyphen_next: bool) -> list[tuple[str, int]]:
    """Candidate (stem, prefix length) pairs of one folded word, longest stem first."""
    spec = table.spec
    base = _split_apostrophe(spec, folded)
    had_apos = base != folded
    out: list[tuple[str, int]] = []
    for p in spec.prefixes:
        if p and not base.startswith(p):
            continue
        rest = base[len(p):]
        if len(rest) < 2 or rest[:2] not in table.heads:
            continue
        for n in range(len(rest), 1, -1):
            stem = rest[:n]
            if stem not in table.index:
                continue
            tail = rest[n:]
            if n < spec.min_stem and tail:  # a short stem ("Oq" of "Oq uy") only as written
                continue
            if (not tail or (spec.tail.fullmatch(tail) and not had_apos)
                    or (hyphen_next and spec.hyphen_tail is not None and spec.hyphen_tail.fullmatch(tail))) or had_apos and spec.tail.fullmatch(tail):
                out.append((stem, len(p)))
    return out


def _word_matches(table: LangTable, folded: str, stem: str) -> bool:
    """Does a following word of a multi-word name match the stored ``stem``?"""
    spec = table.spec
    base = _split_apostrophe(spec, folded)
    if spec.strip_article and base.startswith("ال") and not stem.startswith("ال"):
        base = base[2:]
    if not base.startswith(stem):
        return False
    tail = base[len(stem):]
    return not tail or bool(spec.tail.fullmatch(tail))


@cache
def _quote_table(quotes: str) -> dict[int, int]:
    return {ord(c): ord("'") for c in quotes}


def _case_ok(item: _Item, word: str, spec: Spec) -> bool:
    if item.case == "any":
        return True
    if item.case == "exact":
        table = _quote_table(spec.quote_chars)
        norm = word.translate(table)
        first = item.first.translate(table)
        if spec.lang in ("tr", "az"):
            norm, first = norm.replace("İ", "I"), first.replace("İ", "I")
        return norm.startswith(first)
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def scan_language(text: str, lang: str, gazetteer: Any = None) -> list[tuple[Entry, int, int]]:
    """Find the mentions of language ``lang`` in ``text`` (rules L1-L6 of this module).

    Parameters
    ----------
    text
        The article text.
    lang
        One of the codes in :data:`regionkit.lang.LANGUAGES` other than ``en``.
    gazetteer
        A :class:`regionkit.Gazetteer` (its ``lang/*.csv`` tables) or folder; None: the current one.

    Returns
    -------
    list of (Entry, start, end)
        Sorted by start; ``text[start:end]`` is the whole word(s) as written. Blockers
        (longer names that are not a country, e.g. seas) are already removed.
    """
    if lang not in SPECS or not isinstance(text, str) or not text:
        return []
    table = language_table(lang, gazetteer)
    spec = table.spec
    toks = [(m.start(), m.end(), m.group()) for m in table.token.finditer(text)]
    folded: list[str | None] = [None] * len(toks)

    def fold_at(j: int) -> str:
        f = folded[j]
        if f is None:
            f = folded[j] = spec.fold(toks[j][2])
        return f

    hits: list[tuple[Entry, int, int, int, _Item]] = []
    i = 0
    n = len(toks)
    while i < n:
        a, b, word = toks[i]
        f = fold_at(i)
        hyphen_next = b < len(text) and text[b] == "-"
        best: tuple[int, int, _Item] | None = None  # (n words, stem length, item)
        for stem, plen in _stems_of(table, f, hyphen_next):
            for item in table.index[stem]:
                k = len(item.words)
                if best is not None and (k, len(stem)) <= best[:2]:
                    continue
                if not _case_ok(item, word[plen:] if plen else word, spec):
                    continue
                if k > 1 and not _rest_matches(table, toks, text, i, item, fold_at):
                    continue
                best = (k, len(stem), item)
        if best is None:
            i += 1
            continue
        k, _, item = best
        end = toks[i + k - 1][1]
        end = _hyphen_suffix(table, text, end)
        hits.append((item.entry, a, end, i, item))
        i += k
    return _apply_rules(table, text, toks, hits, fold_at)


def _rest_matches(table: LangTable, toks: list, text: str, i: int, item: _Item, fold_at) -> bool:
    for off, stem in enumerate(item.words[1:], start=1):
        j = i + off
        if j >= len(toks):
            return False
        gap = text[toks[j - 1][1]:toks[j][0]]
        if not (_GAP.match(gap) or gap == "-"):
            return False
        if not _word_matches(table, fold_at(j), stem):
            return False
    return True


def _hyphen_suffix(table: LangTable, text: str, end: int) -> int:
    """'АҚШ-қа', 'ԱՄՆ-ի': a case ending after a hyphen belongs to the surface."""
    if end < len(text) and text[end] == "-":
        m = table.token.match(text, end + 1)
        if m and len(m.group()) <= 5 and table.spec.tail.fullmatch(table.spec.fold(m.group())):
            return m.end()
    return end


_LABEL_SEP = " \t\u00a0|/\u00b7\u2022,"


def _label_alone(text: str, a: int, b: int) -> bool:
    """The word stands alone on its line or between separators (a menu of languages), not before a noun."""
    i = a - 1
    while i >= 0 and text[i] in _LABEL_SEP:
        i -= 1
    j = b
    while j < len(text) and text[j] in _LABEL_SEP:
        j += 1
    before = i < 0 or text[i] == "\n" or "|" in text[i + 1:a]
    after = j >= len(text) or text[j] in "\r\n" or "|" in text[b:j]
    return before and after


def _sentence_start(text: str, pos: int) -> bool:
    k = pos - 1
    while k >= 0 and text[k] in " \u00a0\t\"'«„“(—-":
        k -= 1
    return k < 0 or text[k] in ".!?…\n:;"


def _apply_rules(table: LangTable, text: str, toks: list, hits: list, fold_at) -> list[tuple[Entry, int, int]]:
    lang = table.lang
    out: list[tuple[Entry, int, int, str]] = []
    for entry, a, b, i, item in hits:
        if entry.kind == "blocker":
            continue
        nxt = fold_at(i + len(item.words)) if i + len(item.words) < len(toks) else ""
        first = item.words[0]
        if lang in ("tr", "az") and first == "türk" and len(item.words) == 1:  # L4
            two = nxt + " " + (fold_at(i + 2) if i + 2 < len(toks) else "")
            if not any(two.startswith(w) for w in _TURK_STATE):
                continue
        if entry.kind == "demonym" and nxt and any(nxt.startswith(w) for w in _LANGUAGE_NEXT.get(lang, ())):  # L5
            continue
        if entry.kind == "demonym" and _label_alone(text, a, b):  # L5: "English | Русский" language switchers
            continue
        out.append((entry, a, b, item.risk))
    if any(r for *_, r in out):  # L6
        anchored = any(not r and e.iso3 for e, _, _, r in out)
        out = [h for h in out if not h[3] or (anchored and not _sentence_start(text, h[1]))]
    return [(e, a, b) for e, a, b, _ in out]
