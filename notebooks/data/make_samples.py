"""Rebuild the sample "user files" that notebook 04_bring_your_own reads.

Run from the repository root:  python notebooks/data/make_samples.py

Nothing here is invented. Both files are made from data shipped in ../../data:

* ``my_articles.csv``: six texts copied verbatim from ``data/articles/demo_articles.jsonl``
  (U.S. government works, public domain), with the columns renamed and reordered the way a
  spreadsheet export from a news database might name them.
* ``my_articles_ru_tr.csv``: a Russian and a Turkish text, copied verbatim from the
  multilingual dev texts in ``tests/data/dev_gold_ml.jsonl`` (records mld16 and mld08, U.S.
  government translations, public domain; the date is the one the text prints, also in the
  record's ``attribution``), in the same columns as ``my_articles.csv``.
* ``israel_relations_messy.csv``: three columns of ``data/reference/israel_relations.csv``
  (values unchanged), with the country written the way people type it in spreadsheets:
  World Bank style ("Egypt, Arab Rep."), abbreviations, upper case, stray spaces,
  and one misspelling left in on purpose ("Turkmenstan") to show how unknown names surface.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

ARTICLE_IDS = ["d010", "d016", "d029", "d032", "d033", "d034"]
#: dev-text id -> the date its text prints (first lines of the text; also in the record's attribution)
OTHER_LANGUAGE_IDS = {"mld16": "2022-02-28", "mld08": "2016-12-20"}

# iso3 -> how the country is written in the "messy" spreadsheet
MESSY_NAMES = {
    "ARM": "Republic of Armenia",
    "AZE": "AZERBAIJAN ",
    "GEO": "Georgia",
    "KAZ": "kazakhstan",
    "KGZ": "Kyrgyz Rep.",
    "TJK": "Tajikistan",
    "TKM": "Turkmenstan",
    "UZB": "Uzbekistan",
    "EGY": "Egypt, Arab Rep.",
    "JOR": "Jordan",
    "ARE": "U.A.E.",
    "BHR": "Kingdom of Bahrain",
    "MAR": "Morocco",
    "SDN": "Sudan",
    "TUR": "Turkey",
    "RUS": "Russian Federation",
    "IRN": "Iran, Islamic Rep.",
    "SAU": "KSA",
}


def main() -> None:
    records = {}
    with open(ROOT / "data" / "articles" / "demo_articles.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            records[rec["id"]] = rec
    with open(HERE / "my_articles.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "published", "outlet", "headline", "body", "link", "licence"])
        for i in ARTICLE_IDS:
            r = records[i]
            w.writerow([r["id"], r["date"], r["source"], r["title"], r["text"], r["url"], r["license"]])

    dev = {}
    with open(ROOT / "tests" / "data" / "dev_gold_ml.jsonl", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            dev[rec["id"]] = rec
    with open(HERE / "my_articles_ru_tr.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "published", "outlet", "headline", "body", "link", "licence"])
        for i, date in OTHER_LANGUAGE_IDS.items():
            r = dev[i]
            w.writerow([r["id"], date, r["source"], r["title"], r["text"], r["url"], r["license"]])

    with open(ROOT / "data" / "reference" / "israel_relations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(HERE / "israel_relations_messy.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Country", "Relations with Israel established", "Israeli embassy in country"])
        for r in rows:
            w.writerow([MESSY_NAMES[r["iso3"]], r["relations_established"], r["israel_embassy_in_country"]])


if __name__ == "__main__":
    main()
