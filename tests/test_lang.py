"""Mentions in the region's languages (regionkit.lang): morphology, detection, traps, groups, normalize.

Sentences are written the way the region's press writes them; the dev texts are real
(tests/data/dev_gold_ml*.jsonl, public domain and one CC BY-SA record with its licence).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import regionkit as rk

DATA = Path(__file__).resolve().parent / "data"


def _dev() -> list[dict]:
    out = []
    for name in ("dev_gold_ml.jsonl", "dev_gold_ml_ccbysa.jsonl"):
        out += [json.loads(x) for x in (DATA / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return out


def _found(text: str, **kw) -> pd.DataFrame:
    return rk.extract_mentions(text, **kw)


def _codes(text: str, **kw) -> set[str]:
    m = _found(text, **kw)
    return set(m[m["kind"].isin(rk.DIRECT_KINDS)]["iso3"].dropna())


def _pairs(text: str, **kw) -> set[tuple[str, str]]:
    m = _found(text, **kw)
    return {(s, c if isinstance(c, str) else g) for s, c, g in zip(m["surface"], m["iso3"], m["group"], strict=True)}


# ------------------------------------------------------------------ dev texts
def test_dev_texts_precision_and_recall_and_offsets():
    records = _dev()
    frame = pd.DataFrame({"article_id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    m = rk.extract_mentions(frame)
    texts = dict(zip(frame["article_id"], frame["text"], strict=True))
    for row in m.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.surface
    direct = m[m["kind"].isin(rk.DIRECT_KINDS) & m["iso3"].notna()]
    tp = fp = fn = 0
    for r in records:
        got = set(direct[direct["article_id"] == r["id"]]["iso3"])
        gold = set(r["countries"])
        tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
    assert tp / (tp + fp) >= 0.97 and tp / (tp + fn) >= 0.95, (tp, fp, fn)
    langs = dict(zip(m["article_id"], m["language"], strict=True))
    assert all(langs[r["id"]] == r["language"].split("-")[0] for r in records)


def test_dev_evidence_surfaces_are_found_as_written():
    """Every annotated inflected form outside URLs is a surface of a row with its country."""
    missed = []
    for r in _dev():
        m = _found(r["text"])
        got = set(zip(m["surface"], m["iso3"], strict=True))
        for code, surfaces in r["evidence"].items():
            for s in surfaces:
                if r["evidence_kind"][code][s] == "other_language" or s in {"Washington, DC"}:
                    continue
                if (s, code) not in got:
                    missed.append((r["id"], s, code))
    assert len(missed) <= 2, missed


# ------------------------------------------------------------------ language column
def test_language_detected_per_article_and_forced():
    texts = ["Azerbaijan and Armenia signed the agreement at the White House on Friday.",
             "Президент Казахстана провёл переговоры с премьер-министром Армении в Астане.",
             "Dışişleri Bakanı bugün Azerbaycan’ı ziyaret etti ve Bakü’de görüştü.",
             "وقّعت الإمارات وإسرائيل اتفاقية جديدة في أبوظبي."]
    m = rk.extract_mentions(texts)
    assert m.groupby("article_id")["language"].first().to_dict() == {"0": "en", "1": "ru", "2": "tr", "3": "ar"}
    forced = rk.extract_mentions("Президент Казахстана", language="ru")
    assert forced["language"].tolist() == ["ru"] and forced["iso3"].tolist() == ["KAZ"]
    assert list(m.dtypes.items()) == list(rk.MENTIONS_META.dtypes.items())


def test_language_column_of_a_dataframe_is_used():
    df = pd.DataFrame({"article_id": ["a", "b"], "text": ["Türkiye’nin İran ile sınırı", "Bakı və Ankara"],
                       "language": ["tr", None]})
    m = rk.extract_mentions(df)
    assert m.groupby("article_id")["language"].first().to_dict() == {"a": "tr", "b": "az"}


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown language 'xx'.*ru"):
        rk.extract_mentions("text", language="xx")


def test_read_articles_has_a_language_column(tmp_path):
    (tmp_path / "a.txt").write_text("Казахстан и Узбекистан подписали соглашение.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kazakhstan and Uzbekistan signed an agreement in the capital.", encoding="utf-8")
    arts = rk.read_articles(tmp_path)
    assert dict(zip(arts["path"].map(lambda p: Path(p).name), arts["language"], strict=True)) == {"a.txt": "ru", "b.txt": "en"}
    assert set(rk.extract_mentions(arts)["language"]) == {"ru", "en"}


def test_mixed_page_finds_both_languages():
    text = ("Госсекретарь заявил, что Соединенные Штаты поддерживают Армению.\n"
            "Original: \"The United States stands with Armenia and Azerbaijan,\" the statement said.")
    m = _found(text)
    assert {"Соединенные Штаты", "Армению", "United States", "Armenia", "Azerbaijan"} <= set(m["surface"])


# ------------------------------------------------------------------ morphology
@pytest.mark.parametrize("text, surface, code", [
    ("Делегация Азербайджана прибыла в Баку.", "Азербайджана", "AZE"),
    ("Переговоры с Казахстаном продолжатся.", "Казахстаном", "KAZ"),
    ("Поддержка кыргызстанского бизнеса.", "кыргызстанского", "KGZ"),
    ("Граница с Россией закрыта.", "Россией", "RUS"),
    ("Министры Саудовской Аравии и Египта встретились.", "Саудовской Аравии", "SAU"),
    ("Министры Саудовской Аравии и Египта встретились.", "Египта", "EGY"),
    ("Отношения с Соединёнными Штатами.", "Соединёнными Штатами", "USA"),
    ("Поездка в Казахстан.", "Казахстан", "KAZ"),
    ("Kazakistan’ın dış ticareti büyüyor.", "Kazakistan’ın", "KAZ"),
    ("Heyet Türkiye’ye geldi.", "Türkiye’ye", "TUR"),
    ("ABD'li yetkililer açıkladı.", "ABD'li", "USA"),
    ("İRAN VE IRAK SINIRINDA GERGİNLİK", "İRAN", "IRN"),
    ("İRAN VE IRAK SINIRINDA GERGİNLİK", "IRAK", "IRQ"),
    ("Nümayəndə heyəti Azərbaycandan gəldi.", "Azərbaycandan", "AZE"),
    ("Rusiyanın mövqeyi dəyişməyib.", "Rusiyanın", "RUS"),
    ("Nursultan Nazarboyev Qozogʻistonga qaytdi.", "Qozogʻistonga", "KAZ"),
    ("Delegatsiya O‘zbekistonga keldi.", "O‘zbekistonga", "UZB"),
    ("Delegatsiya O’zbekistondagi uchrashuvda.", "O’zbekistondagi", "UZB"),
    ("Ўзбекистон ва Қозоғистон президентлари учрашди.", "Қозоғистон", "KAZ"),
    ("Делегация Қазақстанға келді.", "Қазақстанға", "KAZ"),
    ("АҚШ-қа сапар жасады.", "АҚШ-қа", "USA"),
    ("Ресеймен келіссөздер жалғасады.", "Ресеймен", "RUS"),
    ("التقى وزيرا خارجية المغرب وإسرائيل.", "وإسرائيل", "ISR"),
    ("زار الوزير اسرائيل الأسبوع الماضي.", "اسرائيل", "ISR"),
    ("سافر الوفد بالإمارات العربية المتحدة.", "بالإمارات العربية المتحدة", "ARE"),
    ("قال مسؤول أميركي إن المحادثات مستمرة.", "أميركي", "USA"),
    ("هذه رسالة للسعودية وقطر.", "للسعودية", "SAU"),
    ("ראש הממשלה ביקר בישראל ובאזרבייג'ן.", "ובאזרבייג'ן", "AZE"),
    ("המשלחת הגיעה לארצות הברית.", "לארצות הברית", "USA"),
    ("היצוא מטורקיה ירד.", "מטורקיה", "TUR"),
    ("נציגי ארה\"ב נפגשו.", "ארה\"ב", "USA"),
    ("Հայաստանում կայացավ հանդիպում։", "Հայաստանում", "ARM"),
    ("Ադրբեջանից ժամանած պատվիրակություն։", "Ադրբեջանից", "AZE"),
    ("ԱՄՆ-ի պետքարտուղարը հայտարարեց։", "ԱՄՆ-ի", "USA"),
    ("საქართველოში ჩავიდა აზერბაიჯანის დელეგაცია.", "საქართველოში", "GEO"),
    ("საქართველოში ჩავიდა აზერბაიჯანის დელეგაცია.", "აზერბაიჯანის", "AZE"),
])
def test_inflected_forms(text, surface, code):
    m = _found(text)
    rows = m[m["surface"] == surface]
    assert rows["iso3"].tolist()[:1] == [code], m[["surface", "iso3"]].values.tolist()
    start = int(rows["start"].iloc[0])
    assert text[start:start + len(surface)] == surface


def test_russian_compound_adjective_names_two_countries():
    m = _found("Открылся казахстанско-израильский бизнес-форум и российско-китайский диалог.")
    assert m[["surface", "iso3"]].values.tolist() == [
        ["казахстанско", "KAZ"], ["израильский", "ISR"], ["российско", "RUS"], ["китайский", "CHN"]]


def test_georgian_compound_names_two_countries():
    assert _codes("აზერბაიჯან-საქართველოს ურთიერთობები") == {"AZE", "GEO"}


# ------------------------------------------------------------------ traps
def test_turk_is_turkic_unless_it_names_the_turkish_state():
    assert _codes("Türk dünyası ve Türk halkları zirvesi Astana’da yapıldı.", language="tr") == {"KAZ"}
    assert _codes("Türk askeri sınırda devriye geziyor.") == {"TUR"}
    assert _codes("Türk hükümeti açıklama yaptı.") == {"TUR"}


def test_turkmenistan_is_not_turkiye():
    m = _found("Türkmenistan ve Türkiye arasında doğalgaz anlaşması imzalandı.")
    assert m[["surface", "iso3"]].values.tolist() == [["Türkmenistan", "TKM"], ["Türkiye", "TUR"]]


def test_organisation_of_turkic_states_is_an_organisation():
    m = _found("Türk Devletleri Teşkilatı zirvesi Bakü’de toplandı.")
    assert ("Türk Devletleri Teşkilatı", "organization_of_turkic_states") in set(zip(m["surface"], m["group"], strict=True))
    assert "TUR" not in set(m["iso3"].dropna())


def test_persian_azerbaijan_provinces_are_iran():
    m = _found("زلزله در استان آذربایجان شرقی و آذربایجان غربی خسارت زد.")
    assert set(m["iso3"].dropna()) == {"IRN"} and set(m["kind"]) == {"place"}
    assert _codes("رئیس جمهوری آذربایجان به تهران سفر کرد.") == {"AZE", "IRN"}


def test_georgia_in_russian_is_always_the_country():
    assert _codes("Грузия и Атланта: губернатор штата встретился с послом.", language="ru") == {"GEO"}


def test_common_word_equal_to_a_country_name():
    assert _codes("Из того, что было сказано, ясно одно.") == set()
    assert _codes("Того не было на переговорах.") == set()  # opens the sentence: the pronoun
    assert _codes("Посол Франции посетил Того и Бенин.") >= {"FRA", "TGO"}
    assert _codes("Maliye Bakanlığı yeni bütçeyi açıkladı.") == set()
    assert _codes("وزارة المالية أعلنت عن دعم مالي جديد.") == set()


def test_language_names_are_not_nations():
    assert _codes("Документ переведен на русский язык.") == set()
    assert _codes("O'zbek tilidagi ko'rsatuvlar efirga chiqdi.") == set()
    assert _codes("Версии: English | Русский\nДоклад опубликован.") == set()


def test_latin_america_is_a_region_not_the_usa():
    m = _found("Страны Латинской Америки и Северной Америки обсудили торговлю.")
    assert set(m["iso3"].dropna()) == set() and set(m["group"].dropna()) == {"latin_america", "americas"}


# ------------------------------------------------------------------ groups
@pytest.mark.parametrize("text, group", [
    ("Лидеры стран Центральной Азии собрались в Ташкенте.", "central_asia"),
    ("Мир на Южном Кавказе.", "south_caucasus"),
    ("Саммит СНГ пройдет осенью.", "cis"),
    ("Учения ОДКБ начались.", "csto"),
    ("Товарооборот внутри ЕАЭС вырос.", "eaeu"),
    ("После распада СССР республики стали независимыми.", "soviet_union"),
    ("Türkiye Avrupa Birliği’ne aday ülkedir.", "european_union"),
    ("اجتماع جامعة الدول العربية في القاهرة.", "arab_league"),
    ("Markaziy Osiyo davlatlari uchrashdi.", "central_asia"),
])
def test_groups_and_organisations(text, group):
    m = _found(text)
    rows = m[m["group"] == group]
    assert len(rows) >= 1 and rows["iso3"].isna().all(), m[["surface", "iso3", "group"]].values.tolist()


# ------------------------------------------------------------------ normalize
@pytest.mark.parametrize("name, code", [
    ("Azərbaycan Respublikası", "AZE"), ("Қазақстан", "KAZ"), ("Oʻzbekiston Respublikasi", "UZB"),
    ("O'zbekiston", "UZB"), ("Հայաստան", "ARM"), ("საქართველო", "GEO"), ("Россия", "RUS"),
    ("Türkiye Cumhuriyeti", "TUR"), ("الإمارات العربية المتحدة", "ARE"), ("Aserbaidschan", "AZE"),
    ("Kasachstan", "KAZ"), ("Tadjikistan", "TJK"), ("Kirghizia", "KGZ"), ("США", "USA"), ("ABD", "USA"),
    ("ایالات متحده", "USA"), ("ארצות הברית", "USA"), ("Кыргызская Республика", "KGZ"), ("Ўзбекистон", "UZB"),
])
def test_normalize_in_every_language(name, code):
    assert rk.normalize(name) == code


def test_normalize_never_guesses_a_shared_form():
    assert rk.normalize("عمان") is None  # Oman and Amman (Jordan) share it unvocalised
    assert rk.normalize("Holland") == "NLD"  # English index first, unchanged


# ------------------------------------------------------------------ lightness
def test_import_regionkit_does_not_load_language_data():
    code = ("import sys, regionkit; import regionkit as rk; rk.normalize('Kazakhstan');"
            "print(any(m.startswith(('regionkit.lang', 'py3langid')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
