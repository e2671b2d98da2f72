"""Rebuild the English-rule tables of issue 10 from maintained sources (run by hand, not at import).

    pip download --no-deps -d /tmp/src us==4.0.0 names==0.3.0
    (cd /tmp/src && unzip -o -q us-4.0.0-py3-none-any.whl -d us && tar xzf names-0.3.0.tar.gz)
    python data/gazetteer/build_en.py /tmp/src

Writes, next to this file:

- ``admin_areas.csv``: US states, DC and territories (name, postal code, AP abbreviation) from
  PyPI ``us`` 4.0.0 (Sunlight Labs, BSD-3-Clause); Canadian provinces and territories (name,
  postal code) from pycountry's ISO 3166-2 subdivisions, with the Canadian Press abbreviations
  curated by hand (marked so in ``source``).
- ``given_names.csv``: first names of the 1990 US Census name files (US government work, public
  domain), as shipped in PyPI ``names`` 0.3.0, lower case.
- ``surname_keys.csv``: gazetteer surfaces that are also surnames in the 1990 US Census file
  (Jordan, Ireland, Holland, French, ...): after a first name they are a person.
- ``norm_exonyms.csv``: country names in European languages from CLDR (via babel), kept only
  when the folded form names one country in every language and is not an English name of
  another country. Used by :func:`regionkit.normalize` only, never by the extractor.
- ``rules/language_names.csv``: one-word English names of languages from CLDR (via babel), lower
  case (Arabic, Hebrew, Hindi, ...): the ``language`` rule reads a list such as "in Russian and
  Hebrew" as one list of languages. ``python data/gazetteer/build_en.py --languages`` rebuilds only it
  and the endonym rows below.
- rows of ``aliases.csv`` whose source says "accented endonym": a country's name in its own official
  language (CLDR via babel) when it is the English name with diacritics only ("México", "Perú",
  "Panamá", "Haïti", "Sénégal"): news copy prints them, and mojibake repair brings them back
  ("MÃ©xico" -> "México").
- ``norm_historic.csv``: former country names of ISO 3166-3 (via pycountry) whose code has one
  successor (the last two letters of the alpha-4 code are the successor's alpha-2).
"""

from __future__ import annotations

import csv
import sys
import types
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: Canadian Press style abbreviations (curated, checked against common Canadian news usage)
CP_ABBREV = {
    "CA-AB": "Alta.", "CA-BC": "B.C.", "CA-MB": "Man.", "CA-NB": "N.B.", "CA-NL": "N.L.", "CA-NS": "N.S.",
    "CA-ON": "Ont.", "CA-PE": "P.E.I.", "CA-QC": "Que.", "CA-SK": "Sask.", "CA-NT": "N.W.T.",
}
#: languages whose CLDR names normalize() accepts ("Deutschland", "Espagne", "Estados Unidos", "Mexiko")
EXONYM_LOCALES = ("de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "sl", "hr",
                  "hu", "ro", "ca", "tr", "lt", "lv", "et", "ga", "cy", "eu", "gl", "is", "mt", "sq", "bs", "sr_Latn")


def _fold(name: str) -> str:
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").replace("\u2019", "'").split())


def _us_states(src: Path) -> list[dict]:
    sys.modules.setdefault("jellyfish", types.ModuleType("jellyfish"))  # only used for fuzzy look-ups
    sys.path.insert(0, str(src / "us"))
    from us import states  # type: ignore[import-not-found]

    rows = []
    for st in states.STATES_AND_TERRITORIES + [states.DC]:
        src_txt = "PyPI us 4.0.0 (Sunlight Labs, BSD-3-Clause): us.states"
        rows.append({"name": st.name, "postal": st.abbr, "ap": st.ap_abbr or "", "iso3": "USA",
                     "kind": "territory" if st.is_territory else "state", "source": src_txt})
    return rows


def _provinces() -> list[dict]:
    import pycountry

    rows = []
    for sub in sorted(pycountry.subdivisions.get(country_code="CA"), key=lambda s: s.code):
        rows.append({"name": sub.name, "postal": sub.code.split("-")[1], "ap": CP_ABBREV.get(sub.code, ""),
                     "iso3": "CAN", "kind": sub.type.lower(),
                     "source": f"pycountry {pycountry.__version__} (ISO 3166-2:CA); abbreviation: curated (Canadian Press style)"})
    return rows


def _given_names(src: Path) -> list[str]:
    folder = next(src.glob("names-*/names"))
    out: set[str] = set()
    for fname in ("dist.male.first", "dist.female.first"):
        for line in (folder / fname).read_text().splitlines():
            if line.strip():
                out.add(line.split()[0].lower())
    return sorted(out)


def _english_names() -> dict[str, set[str]]:
    import pandas as pd

    gen = pd.read_csv(HERE / "generated.csv", dtype=str, keep_default_na=False)
    ali = pd.read_csv(HERE / "aliases.csv", dtype=str, keep_default_na=False)
    out: dict[str, set[str]] = {}
    for s, c in list(zip(gen["surface"], gen["iso3"])) + list(zip(ali["surface"], ali["iso3"])):
        if c:
            out.setdefault(_fold(s), set()).add(c)
    excluded = pd.read_csv(HERE / "excluded.csv", dtype=str, keep_default_na=False)
    for s in excluded["surface"]:  # dropped on purpose in English (e.g. 'Congo': either Congo)
        out.setdefault(_fold(s), set()).add("?excluded")
    return out


def _exonyms() -> list[dict]:
    import babel
    import pycountry

    a2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    a2["XK"] = "XKX"
    english = _english_names()
    seen: dict[str, set[str]] = {}
    first: dict[str, tuple[str, str, str]] = {}
    for loc in EXONYM_LOCALES:
        names = babel.Locale.parse(loc).territories
        for code, name in names.items():
            iso3 = a2.get(code.split("-")[0]) if len(code.split("-")[0]) == 2 else None
            if not iso3 or not name or "(" in name:  # qualified forms would add their head as a variant
                continue
            key = _fold(name)
            seen.setdefault(key, set()).add(iso3)
            first.setdefault(key, (name, iso3, loc))
        # keys of non-country territories (regions, EU, UN) are poison: a name shared with them is dropped
        for code, name in names.items():
            if not (len(code) == 2 and code in a2) and name:
                seen.setdefault(_fold(name), set()).add("?" + code)
    rows = []
    for key, codes in sorted(seen.items()):
        if len(codes) != 1 or key not in first:
            continue
        name, iso3, loc = first[key]
        if key in english:  # the English table already decides it (and may disagree)
            continue
        rows.append({"surface": name, "iso3": iso3,
                     "source": f"CLDR via babel {babel.__version__} (locale {loc})"})
    return rows


#: ISO 3166-3 entries that were not a rename of one state (merged, annexed, or claims): kept out
HISTORIC_SKIP = {"DDDE", "YDYE", "VDVN", "SKIN", "PZPA", "BQAQ", "NQAQ"}


def _surname_keys(src: Path) -> list[str]:
    """Gazetteer surfaces (names, capitals, places, demonyms) that are also US surnames (1990 census)."""
    import pandas as pd

    folder = next(src.glob("names-*/names"))
    last = {line.split()[0].lower() for line in (folder / "dist.all.last").read_text().splitlines() if line.strip()}
    keys: set[str] = set()
    gen = pd.read_csv(HERE / "generated.csv", dtype=str, keep_default_na=False)
    keys |= set(gen.loc[gen["kind"].isin(["name", "capital", "demonym"]), "surface"].str.lower())
    for fname in ("aliases.csv", "capitals.csv", "demonyms.csv", "places.csv"):
        keys |= set(pd.read_csv(HERE / fname, dtype=str, keep_default_na=False)["surface"].str.lower())
    return sorted(k for k in keys if k in last)


def _historic() -> list[dict]:
    import pycountry

    by_a2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    rows = []
    for h in pycountry.historic_countries:
        succ = h.alpha_4[2:]
        if succ in by_a2 and h.alpha_4 not in HISTORIC_SKIP:
            rows.append({"surface": h.name, "iso3": by_a2[succ],
                         "source": f"pycountry {pycountry.__version__} (ISO 3166-3 {h.alpha_4}, withdrawn {h.withdrawal_date})"})
    return rows


def _write(path: Path, rows: list[dict], fields: list[str]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def _language_names() -> list[dict]:
    import babel

    names = sorted({n.lower() for n in babel.Locale("en").languages.values() if n.isalpha() and n[0].isupper()})
    return [{"word": n, "source": f"CLDR English language names via babel {babel.__version__}"} for n in names]


def _strip_accents(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _accented_endonyms() -> list[dict]:
    import babel
    from babel.languages import get_official_languages

    english = babel.Locale("en").territories
    rows = []
    for row in csv.DictReader((HERE / "countries.csv").open(encoding="utf-8")):
        a2, names = row["iso2"], {english.get(row["iso2"], ""), row["name"]} - {""}
        for lang in get_official_languages(a2, de_facto=True):
            try:
                loc = babel.Locale.parse(f"{lang}_{a2}")
            except (ValueError, babel.UnknownLocaleError):
                continue
            endo = loc.territories.get(a2, "")
            for name in sorted(names):
                if endo and endo != name and _strip_accents(endo) == _strip_accents(name):
                    rows.append({"surface": endo, "iso3": row["iso3"], "group": "", "case": "title",
                                 "source": f"CLDR via babel {babel.__version__} (locale {loc}): accented endonym "
                                           f"of '{name}'", "note": ""})
    return list({r["surface"]: r for r in rows}.values())


def _write_endonyms() -> None:
    """Replace the endonym rows of aliases.csv, leaving every other line as it is (bytes and all)."""
    import io

    path = HERE / "aliases.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [ln for ln in fh.read().splitlines(keepends=True) if "accented endonym" not in ln]
    have = {row["surface"] for row in csv.DictReader(lines)}
    buf = io.StringIO()
    fields = ["surface", "iso3", "group", "case", "source", "note"]
    csv.DictWriter(buf, fieldnames=fields, lineterminator="\n").writerows(
        r for r in _accented_endonyms() if r["surface"] not in have)
    path.write_text("".join(lines) + buf.getvalue(), encoding="utf-8", newline="")
    print(f"{path.name}: endonym rows rewritten")


def main(src: str) -> None:
    root = Path(src)
    _write(HERE / "admin_areas.csv", _us_states(root) + _provinces(), ["name", "postal", "ap", "iso3", "kind", "source"])
    names = _given_names(root)
    _write(HERE / "given_names.csv",
           [{"word": n, "source": "US Census Bureau 1990 first names (public domain), PyPI names 0.3.0"} for n in names],
           ["word", "source"])
    _write(HERE / "surname_keys.csv",
           [{"word": n, "source": "US Census Bureau 1990 surnames (public domain), PyPI names 0.3.0"}
            for n in _surname_keys(root)], ["word", "source"])
    _write(HERE / "norm_exonyms.csv", _exonyms(), ["surface", "iso3", "source"])
    _write(HERE / "norm_historic.csv", _historic(), ["surface", "iso3", "source"])
    _write(HERE / "rules" / "language_names.csv", _language_names(), ["word", "source"])
    _write_endonyms()


if __name__ == "__main__":
    if sys.argv[1:] == ["--languages"]:
        _write(HERE / "rules" / "language_names.csv", _language_names(), ["word", "source"])
        _write_endonyms()
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/src")
