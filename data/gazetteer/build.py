"""Rebuild the generated gazetteer tables from pycountry and world-countries.

Usage (from the repository root)::

    cd /tmp && npm pack world-countries@5.1.0 && tar xzf world-countries-5.1.0.tgz
    python data/gazetteer/build.py /tmp/package/countries.json

Writes ``countries.csv`` (one row per ISO 3166-1 country plus Kosovo, with a short
display name) and ``generated.csv`` (names, abbreviations, demonyms and capitals,
one fact per row with its source). The hand-curated tables (``aliases.csv``,
``demonyms.csv``, ``capitals.csv``, ``metonyms.csv``, ``places.csv``, ``groups.csv``,
``organisations.csv``, ``historical.csv``, ``people.csv``, ``blockers.csv``) are
not touched. ``EXCLUDED`` lists generated forms we drop on purpose, with the reason.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pycountry

HERE = Path(__file__).resolve().parent
PYC = f"pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''} (ISO 3166-1)".replace("  ", " ")
WC = "world-countries 5.1.0 (mledoze/countries, ODbL-1.0)"

# Short display names where neither source gives the form used in news (DESIGN.md).
DISPLAY = {
    "TUR": "Türkiye", "COD": "DR Congo", "COG": "Congo", "VAT": "Vatican City", "XKX": "Kosovo",
    "CZE": "Czechia", "MKD": "North Macedonia", "CPV": "Cape Verde", "SWZ": "Eswatini",
    "CIV": "Côte d'Ivoire", "TLS": "Timor-Leste", "MMR": "Myanmar", "PSE": "Palestine",
}

# Generated forms dropped on purpose: common words, people's names, or shared by two countries.
EXCLUDED = {
    # capitals that are common words, personal names or shared with other places
    "Victoria": "also a personal name and many places (Canada, Australia)",
    "Kingston": "many places (Jamaica, Norfolk Island, Canada, UK)",
    "Georgetown": "many places (Guyana, Washington DC, Malaysia, Cayman)",
    "Hamilton": "personal name and Canadian city",
    "Wellington": "personal name and several places",
    "Jamestown": "several places (Saint Helena, US)",
    "Plymouth": "several places (Montserrat, UK, US)",
    "The Valley": "common phrase (Anguilla)",
    "Road Town": "common phrase (British Virgin Islands)",
    "Male": "common word (Maldives' capital is matched as Malé)",
    "Sucre": "personal name (Antonio José de Sucre)",
    "Washington D.C.": "handled by the curated capital table",
    "Saint John's": "several places (Antigua, Canada)",
    "Castries": "personal name",
    "Avarua": "kept out: Cook Islands are not an ISO country",
    "Kingstown": "kept out: close to Kingston",
    "Basse-Terre": "two places",
    "Saint-Pierre": "several places",
    "Philipsburg": "several places",
    "Alofi": "kept",
    "Stanley": "personal name (Falklands' capital)",
    "Douglas": "personal name (Isle of Man's capital)",
    "George Town": "several places (Cayman Islands, Penang)",
    "San Juan": "many places (Puerto Rico, Argentina, Philippines)",
    "Saint-Denis": "several places (Réunion, Paris suburb)",
    "Moroni": "surname (Comoros' capital)",
    "West Island": "common phrase (Cocos Islands)",
    "The Bottom": "common phrase (Saba)",
    "American Islander": "not an English demonym in use",
    "Lao": "language name; Laos is kept",
    "Congo": "used for both Congos in news (DR Congo and Republic of the Congo are matched by their full names)",
    "Djibouti ": "",
    # demonyms shared by two countries or used for regions and languages
    "Dominican": "Dominica and the Dominican Republic",
    "Congolese": "both Congos",
    "Korean": "both Koreas and the peninsula",
    "Guinean": "four countries named Guinea",
    "Samoan": "Samoa and American Samoa",
    "Virgin Islander": "US and British Virgin Islands",
    "Channel Islander": "Jersey and Guernsey",
    "Kirghiz": "dated transliteration; Kyrgyz is curated",
    "Tadzhik": "dated transliteration; Tajik is curated",
    "Kittitian or Nevisian": "",
    "American": "curated (excludes Latin American etc.)",
    "Indian": "curated (excludes Indian Ocean, American Indian)",
    "Niger": "",
    "French": "curated",
    "Irish": "",
    "Malagasy": "",
    "Swiss": "",
    "British": "curated",
    "Chinese": "curated",
    "Turkish": "curated",
    "Georgian": "curated (US-state rule)",
    "Jordanian": "",
    "Sudanese": "",
    "Chadian": "",
    "Omani": "",
    "Bermudian": "",
    "Saint Helenian": "",
    "Falkland Islander": "",
    "Heard and McDonald Islander": "",
    "French Polynesian": "",
    "New Caledonian": "",
}
KEEP_EVEN_IF_LISTED = {"Alofi", "Niger", "Irish", "Malagasy", "Swiss", "Jordanian", "Sudanese", "Chadian", "Omani",
                       "Bermudian", "Saint Helenian", "Falkland Islander", "Heard and McDonald Islander",
                       "French Polynesian", "New Caledonian", "Kittitian or Nevisian"}

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ž .,'’()\-&]+$")


ENGLISH_WORDS = re.compile(r"\b(Republic|Kingdom|State|States|Federation|Commonwealth|Union|Principality|Democratic|Islands|Emirates|Sultanate|Duchy|Confederation)\b")


def _english_alt(alt: str) -> bool:
    """Keep English long forms and abbreviations (DRC, UAE); drop native-language spellings ('Island', 'Mann')."""
    if alt.startswith(("the ", "The ")):
        return False
    if alt.isupper() and 3 <= len(alt) <= 4:
        return True
    return bool(ENGLISH_WORDS.search(alt)) and alt.isascii()


def invert(name: str) -> str | None:
    """'Korea, Republic of' -> 'Republic of Korea'; 'Congo, The Democratic Republic of the' -> 'Democratic Republic of the Congo'."""
    if "," not in name:
        return None
    head, tail = (part.strip() for part in name.split(",", 1))
    if tail.lower().startswith("the ") and tail.lower().endswith(" the"):
        return f"{tail[4:]} {head}"
    if tail.lower().endswith(" of") or tail.lower().endswith(" of the"):
        return f"{tail} {head}"
    if len(tail.split()) == 1:  # 'Virgin Islands, British'
        return f"{tail} {head}"
    return None


def main(world_countries_json: str) -> None:
    wc = {c["cca3"]: c for c in json.loads(Path(world_countries_json).read_text(encoding="utf-8"))}
    countries, rows = [], []

    def add(surface: str, iso3: str, kind: str, source: str, case: str = "title") -> None:
        surface = surface.strip()
        if not surface or (surface in EXCLUDED and surface not in KEEP_EVEN_IF_LISTED):
            return
        if not LATIN.match(surface):
            return
        if surface.isupper() and len(surface) <= 3:
            case = "exact"
        rows.append({"surface": surface, "iso3": iso3, "kind": kind, "case": case, "source": source})

    entries = [(c.alpha_3, c.alpha_2, c.numeric, c) for c in pycountry.countries]
    entries.append(("XKX", "XK", "", None))
    for iso3, alpha2, numeric, rec in entries:
        w = wc.get(iso3) or (wc.get("UNK") if iso3 == "XKX" else None)
        official = getattr(rec, "official_name", "") if rec else "Republic of Kosovo"
        name = rec.name if rec else "Kosovo"
        display = DISPLAY.get(iso3) or getattr(rec, "common_name", None) or (w["name"]["common"] if w else name)
        countries.append({
            "iso3": iso3, "iso2": alpha2, "numeric": numeric, "name": display,
            "official_name": official or name,
            "source": PYC if rec else "user-assigned code XKX (European Commission, World Bank usage)",
        })
        for form in {name, official, getattr(rec, "common_name", "") if rec else ""} - {""}:
            add(form, iso3, "name", PYC if rec else "common usage")
            inv = invert(form)
            if inv:
                add(inv, iso3, "name", PYC + ", inverted")
        if w:
            add(w["name"]["common"], iso3, "name", WC)
            add(w["name"]["official"], iso3, "name", WC)
            for alt in w.get("altSpellings", []):
                if _english_alt(alt):
                    add(alt, iso3, "name", WC)
            dem = w.get("demonyms", {}).get("eng", {})
            for form in {dem.get("m", ""), dem.get("f", "")} - {""}:
                if form in EXCLUDED and form not in KEEP_EVEN_IF_LISTED:
                    continue
                add(form, iso3, "demonym", WC)
                if form != name and not form.endswith(("ese", "ss", "sh", "ch", "x", "s", "i")) or form.endswith("i"):
                    if form != name and " " not in form:
                        add(form + "s", iso3, "demonym", WC + ", plural")
            for cap in w.get("capital", []):
                add(cap, iso3, "capital", WC)

    # drop forms that two countries share (ambiguous): never guess
    owners: dict[str, set[str]] = {}
    for r in rows:
        owners.setdefault((r["surface"].casefold(), r["kind"]), set()).add(r["iso3"])
    seen, unique = set(), []
    for r in rows:
        key = (r["surface"].casefold(), r["kind"])
        if len(owners[key]) > 1 or (key, r["iso3"]) in seen:
            continue
        seen.add((key, r["iso3"]))
        unique.append(r)

    with open(HERE / "countries.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["iso3", "iso2", "numeric", "name", "official_name", "source"])
        w.writeheader()
        w.writerows(sorted(countries, key=lambda r: r["iso3"]))
    with open(HERE / "generated.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ["surface", "iso3", "kind", "case", "source"])
        w.writeheader()
        w.writerows(sorted(unique, key=lambda r: (r["iso3"], r["kind"], r["surface"])))
    with open(HERE / "excluded.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["surface", "reason"])
        w.writerows(sorted((k, v) for k, v in EXCLUDED.items() if k not in KEEP_EVEN_IF_LISTED))
    print(f"countries.csv: {len(countries)} rows; generated.csv: {len(unique)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
