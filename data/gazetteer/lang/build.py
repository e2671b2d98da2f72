"""Rebuild ``generated.csv``: country names and capitals in the region's languages from maintained sources.

Usage (from the repository root)::

    python data/gazetteer/lang/build.py            # writes generated.csv and exonyms.csv here
    python data/gazetteer/lang/build.py --risky    # also prints single-word names that are common words (wordfreq)

Sources (one fact per row, the ``source`` column says which):

* CLDR territory names for each locale, through babel (``Locale.territories``);
* ISO 3166-1 names translated in pycountry's gettext catalogues (``name``, ``official_name``,
  ``common_name``);
* CLDR exemplar cities of time zones (babel ``Locale.time_zones``) whose zone city is the capital
  of a country in the English gazetteer (``data/gazetteer/generated.csv`` and ``capitals.csv``).

The hand-curated rows (short forms, demonyms, metonyms, groups, traps) live in ``curated.csv``
beside this script and are not touched.
"""

from __future__ import annotations

import csv
import gettext
import sys
from pathlib import Path

import babel
import pycountry
from babel import Locale

HERE = Path(__file__).resolve().parent
GAZ = HERE.parent
#: regionkit language code -> CLDR locales read for it
LOCALES = {
    "ru": ["ru"], "tr": ["tr"], "az": ["az"], "kk": ["kk"], "uz": ["uz", "uz_Cyrl"], "ar": ["ar"],
    "fa": ["fa", "fa_AF"], "he": ["he"], "hy": ["hy"], "ka": ["ka"],
}
#: pycountry gettext catalogue per language (pycountry has no separate Uzbek Cyrillic catalogue)
PYC_LOCALES = {"ru": "ru", "tr": "tr", "az": "az", "kk": "kk", "uz": "uz", "ar": "ar", "fa": "fa", "he": "he",
               "hy": "hy", "ka": "ka"}
# territory codes that are not ISO 3166-1 countries (CLDR regions, EU, UN, ...)
_NOT_COUNTRY = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}


def _iso3_by_iso2() -> dict[str, str]:
    out = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out["XK"] = "XKX"
    return out


def _english_capitals() -> dict[str, str]:
    """English capital name -> ISO3 (only names that point to one country)."""
    seen: dict[str, set[str]] = {}
    for fname, kind_col in (("generated.csv", True), ("capitals.csv", False)):
        with open(GAZ / fname, encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if kind_col and row["kind"] != "capital":
                    continue
                seen.setdefault(row["surface"], set()).add(row["iso3"])
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def rows() -> list[dict[str, str]]:
    iso3 = _iso3_by_iso2()
    caps = _english_capitals()
    out: list[dict[str, str]] = []
    for lang, locales in LOCALES.items():
        for loc_name in locales:
            loc = Locale.parse(loc_name)
            src = f"CLDR {babel.__version__ and loc_name} territory name (babel {babel.__version__})"
            for code, name in sorted(loc.territories.items()):
                if code in _NOT_COUNTRY or code not in iso3 or not name:
                    continue
                out.append({"lang": lang, "surface": name, "iso3": iso3[code], "kind": "name", "source": src})
            for tz, data in sorted(loc.time_zones.items()):
                city = data.get("city") if hasattr(data, "get") else None
                en_city = tz.rsplit("/", 1)[-1].replace("_", " ")
                if city and en_city in caps:
                    out.append({"lang": lang, "surface": city, "iso3": caps[en_city], "kind": "capital",
                                "source": f"CLDR {loc_name} exemplar city of {tz} (babel {babel.__version__}); "
                                          f"capital per data/gazetteer ({en_city})"})
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[PYC_LOCALES[lang]])
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                en = getattr(c, attr, None)
                if not en:
                    continue
                local = tr.gettext(en)
                if local and local != en:
                    out.append({"lang": lang, "surface": local, "iso3": c.alpha_3, "kind": "name",
                                "source": f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}"
                                          f" iso3166-1 {attr} ({PYC_LOCALES[lang]} catalogue)".replace("  ", " ")})
    # one row per (lang, surface, iso3): keep the first source
    uniq: dict[tuple, dict[str, str]] = {}
    for r in out:
        uniq.setdefault((r["lang"], r["surface"], r["iso3"]), r)
    # a surface that names two countries in one language is ambiguous: drop it
    by_surface: dict[tuple, set[str]] = {}
    for (lang, surface, code) in uniq:
        by_surface.setdefault((lang, surface), set()).add(code)
    return [r for k, r in uniq.items() if len(by_surface[(k[0], k[1])]) == 1]


#: European languages whose CLDR names serve normalize() as exonyms ("Aserbaidschan", "Tadjikistan")
EXONYM_LOCALES = ["de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sv", "da", "nb", "fi", "hu", "ro", "uk",
                  "bg", "sr", "hr", "sl", "el", "lt", "lv", "et", "ca", "be", "ky", "tg", "tk", "mn"]


def exonyms() -> list[dict[str, str]]:
    """Country names of other languages (CLDR via babel), for normalize() only."""
    iso3 = _iso3_by_iso2()
    out, seen = [], set()
    for loc_name in EXONYM_LOCALES:
        loc = Locale.parse(loc_name)
        for code, name in sorted(loc.territories.items()):
            if code in _NOT_COUNTRY or code not in iso3 or not name or (name, iso3[code]) in seen:
                continue
            seen.add((name, iso3[code]))
            out.append({"lang": loc_name, "surface": name, "iso3": iso3[code], "kind": "name",
                        "source": f"CLDR {loc_name} territory name (babel {babel.__version__})"})
    names: dict[str, set[str]] = {}
    for r in out:
        names.setdefault(r["surface"], set()).add(r["iso3"])
    return [r for r in out if len(names[r["surface"]]) == 1]


def risky(table: list[dict[str, str]]) -> None:
    """Print single-word names whose lower-case form is a frequent word of the language (wordfreq)."""
    from wordfreq import zipf_frequency

    for r in table:
        word = r["surface"]
        if " " in word:
            continue
        z = zipf_frequency(word.lower(), r["lang"] if r["lang"] != "uz" else "en")
        if z >= 3.5:
            print(f"{r['lang']}\t{word}\t{r['iso3']}\t{z:.2f}")


def main(argv: list[str]) -> int:
    table = rows()
    with open(HERE / "generated.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["lang", "surface", "iso3", "kind", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(sorted(table, key=lambda r: (r["lang"], r["iso3"], r["kind"], r["surface"])))
    print(f"wrote {len(table)} rows to {HERE / 'generated.csv'}")
    ex = exonyms()
    with open(HERE / "exonyms.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["lang", "surface", "iso3", "kind", "source"], lineterminator="\n")
        w.writeheader()
        w.writerows(ex)
    print(f"wrote {len(ex)} rows to {HERE / 'exonyms.csv'}")
    if "--risky" in argv:
        risky(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
