"""Text -> mentions: every country, group, organisation and historical state an article refers to.

One Aho-Corasick pass over the folded text finds every gazetteer key; candidates
are then checked at word boundaries, for case, and by the context rules;
the leftmost-longest candidate wins ("South Sudan" over "Sudan", "Papua New
Guinea" over "Guinea", "Nigeria" over "Niger"). Cost grows linearly with text size.

The disambiguation rules are named objects in :mod:`regionkit.rules`, applied in
a documented order (``rk.rules()`` lists them with their docs; the old labels
R1-R10 are kept as ``Rule.label``); ``extract_mentions(..., rules=...)`` switches
one off or adds one. Their word lists are gazetteer tables
(``data/gazetteer/rules/*.csv``).

Ambiguous names are never guessed: a bare "Congo" (either Congo) and
"Korean" (either Korea) give no row; "Brussels" is the EU, not Belgium.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, overload

# the per-article primitives live below this module and the batched scan (no import circle);
# re-exported here under their old names for callers and tests
from regionkit._match import (_MAX_KEY, _URL_ANCHOR, _entry_at, _extract_one, _frame, _inside, _matches,  # noqa: F401
                              _url_spans, scan_text)
from regionkit._match import _detect_language as _detect_language
from regionkit._schema import DIRECT_KINDS, MENTION_COLUMNS, MENTIONS_META
from regionkit._sentences import sentence_cuts, sentence_spans
from regionkit.gazetteer import Gazetteer, resolve_gazetteer
from regionkit.rules import Rule, resolve_rules

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["extract_mentions", "sentence_spans", "sentence_cuts", "scan_text", "MENTIONS_META", "DIRECT_KINDS"]


# ----------------------------------------------------------------- DataFrame API
def _extract_chunks(chunks: Iterator[Any], opts: dict) -> Iterator[Any]:
    """Mentions of each chunk of an iterator; a chunk of str (or list of str) gets ids that go on counting.

    An iterator of strings yields one table per string with ``article_id`` "0", "1",
    ... (its position in the iterator), never "0" for every chunk.
    """
    position = 0
    for chunk in chunks:
        if isinstance(chunk, str):
            out = extract_mentions(chunk, **opts)
            out["article_id"] = out["article_id"].where(out["article_id"].isna(), str(position))
            position += 1
        elif isinstance(chunk, (list, tuple)):
            out = extract_mentions(list(chunk), **opts)
            ids = out["article_id"].astype("Int64") + position
            out["article_id"] = ids.astype(str).astype(out["article_id"].dtype)
            position += len(chunk)
        else:
            out = extract_mentions(chunk, **opts)
        yield out


def _iter_inputs(articles: Any, text_column: str, id_column: str) -> Iterator[tuple[str, Any]]:
    import pandas as pd

    if articles is None:
        raise TypeError("extract_mentions() needs text: a str, a list of str, a Series or a DataFrame, not None")
    if isinstance(articles, str):
        yield "0", articles
        return
    if isinstance(articles, pd.DataFrame):
        if text_column not in articles.columns:
            raise ValueError(
                f"no text column {text_column!r} in the DataFrame; its columns are {list(articles.columns)} "
                f"(pass text_column=...)"
            )
        ids = articles[id_column] if id_column in articles.columns else articles.index
        yield from zip((str(i) for i in ids), articles[text_column].tolist())
        return
    if isinstance(articles, pd.Series):
        yield from zip((str(i) for i in articles.index), articles.tolist())
        return
    if isinstance(articles, (list, tuple)):
        for i, text in enumerate(articles):
            if not (text is None or isinstance(text, str) or (isinstance(text, float) and text != text)):
                from regionkit._errors import InputTypeError

                raise InputTypeError(f"extract_mentions() on a list needs str items (or None); item {i} is a "
                                     f"{type(text).__name__} (flatten nested lists, or pass a DataFrame)")
            yield str(i), text
        return
    raise TypeError(
        f"extract_mentions() takes a str, list of str, pandas Series or DataFrame (or an iterator of DataFrames), "
        f"not {type(articles).__name__}"
    )



def _with_languages(items: Any, language: str | None, given: list | None, want_sections: set[str] | None,
                    want_kinds: set[str] | None, gaz: Gazetteer, ruleset: Any) -> pd.DataFrame:
    """Batched scan for English (and languages without tables), the article path for the region's languages.

    Rows stay in input order; every row gets its article's ``language`` (given, forced or detected).
    """
    import pandas as pd

    from regionkit import _scan
    from regionkit.lang import LANGUAGES

    pairs = list(items)
    langs = [(given[i] if given is not None and given[i] else language) or _detect_language(t)
             if isinstance(t, str) else (given[i] if given is not None else language)
             for i, (_, t) in enumerate(pairs)]
    native = [i for i, lang in enumerate(langs) if lang in LANGUAGES and lang != "en"]
    if not native:
        frame = _scan.extract_frame(pairs, want_sections, want_kinds, gaz, ruleset)
    else:
        chosen = set(native)
        order = {aid: n for n, (aid, _) in enumerate(pairs)}
        rest = [p for i, p in enumerate(pairs) if i not in chosen]
        rows: list[tuple] = []
        for i in native:
            _extract_one(pairs[i][0], pairs[i][1], rows, want_sections, want_kinds, gaz, ruleset, langs[i])
        parts = [f for f in (_scan.extract_frame(rest, want_sections, want_kinds, gaz, ruleset) if rest else None,
                             _frame(rows, gaz.names)) if f is not None and len(f)]
        if not parts:
            return MENTIONS_META.copy()
        frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        import numpy as np

        pos = frame["article_id"].map(order).to_numpy()
        frame = frame.iloc[np.lexsort((frame["start"].to_numpy(dtype=np.int64), pos))].reset_index(drop=True)
    if len(frame):
        by_id = {aid: lang for (aid, _), lang in zip(pairs, langs, strict=True)}
        frame["language"] = pd.array(frame["article_id"].map(by_id).tolist(), dtype=MENTION_COLUMNS["language"])
    return frame



@overload
def extract_mentions(
    articles: Iterator[Any],
    *,
    text_column: str = ...,
    id_column: str = ...,
    sections: Iterable[str] | None = ...,
    kinds: Iterable[str] | None = ...,
    progress: bool | None = ...,
    gazetteer: Gazetteer | None = ...,
    rules: Iterable[Rule | str] | None = ...,
) -> Iterator[pd.DataFrame]: ...
@overload
def extract_mentions(
    articles: str | list | tuple | pd.Series | pd.DataFrame,
    *,
    text_column: str = ...,
    id_column: str = ...,
    sections: Iterable[str] | None = ...,
    kinds: Iterable[str] | None = ...,
    progress: bool | None = ...,
    gazetteer: Gazetteer | None = ...,
    rules: Iterable[Rule | str] | None = ...,
) -> pd.DataFrame: ...


def extract_mentions(
    articles: Any,
    *,
    text_column: str = "text",
    id_column: str = "article_id",
    sections: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    progress: bool | None = False,
    gazetteer: Gazetteer | None = None,
    rules: Iterable[Rule | str] | None = None,
    language: str | None = None,
) -> pd.DataFrame | Iterator[pd.DataFrame]:
    """Find every country (and group, organisation, historical state) each article refers to.

    Parameters
    ----------
    articles
        A str, a list/tuple of str, a pandas Series (ids = index labels), a
        DataFrame (ids from ``id_column`` if present, else the index; text from
        ``text_column``), or an iterator of DataFrames (then an iterator of
        mention frames is returned, one per chunk, for streaming).
    text_column, id_column
        Column names for DataFrame input.
    sections
        Keep only mentions in these sections (``("body",)`` drops scraping
        noise). Default: both ``body`` and ``boilerplate``.
    kinds
        Keep only these kinds (default: all; see ``regionkit._schema.KINDS``).
    progress
        Show a tqdm progress bar (None: only on a terminal).
    gazetteer
        A :class:`regionkit.Gazetteer` (or a folder written by
        :meth:`~regionkit.Gazetteer.to_disk`); None: the current one (the shipped
        tables plus anything :func:`regionkit.add_aliases` added).
    rules
        The disambiguation rules, in order: None for the shipped ones
        (:func:`regionkit.rules`), or a list of rules / rule ids, e.g.
        ``rk.rules().without("turkey_bird")`` or ``rk.rules().plus(my_rule)``.
    language
        ISO 639-1 code of the articles' language (``"ru"``, ``"tr"``, ...; see
        ``regionkit.lang.LANGUAGES``), or None to use a DataFrame's ``language``
        column where it is filled and detect the rest per article. Besides the
        English tables (always scanned, so quoted English still counts), an article
        in one of those languages is scanned with its own names and morphology.

    Returns
    -------
    pandas.DataFrame
        One row per mention with columns ``article_id, iso3, country, surface,
        kind, group, start, end, sentence, section, language`` and the exact dtypes of
        :data:`MENTIONS_META`; ``text[start:end] == surface`` on every row.

    Examples
    --------
    >>> m = extract_mentions("Azerbaijan and Armenia met at the White House.")
    >>> m[["iso3", "surface", "kind"]].values.tolist()
    [['AZE', 'Azerbaijan', 'name'], ['ARM', 'Armenia', 'name'], ['USA', 'White House', 'metonym']]
    """
    import pandas as pd

    from regionkit._schema import KINDS, SECTIONS

    want_sections = None if sections is None else set([sections] if isinstance(sections, str) else sections)
    if want_sections is not None and want_sections - set(SECTIONS):
        raise ValueError(f"unknown sections {sorted(want_sections - set(SECTIONS))}; use body and/or boilerplate")
    want_kinds = None if kinds is None else set([kinds] if isinstance(kinds, str) else kinds)
    if want_kinds is not None and want_kinds - set(KINDS):
        raise ValueError(f"unknown kinds {sorted(want_kinds - set(KINDS))}; use any of {', '.join(KINDS)}")
    from regionkit.lang import check_language

    language = check_language(language)
    gaz = resolve_gazetteer(gazetteer)
    ruleset = resolve_rules(rules)
    opts: dict[str, Any] = dict(text_column=text_column, id_column=id_column, sections=sections, kinds=kinds,
                                progress=progress, gazetteer=gaz, rules=ruleset, language=language)
    if isinstance(articles, Iterator) and not isinstance(articles, (str, pd.DataFrame, pd.Series)):
        return _extract_chunks(articles, opts)
    items = _iter_inputs(articles, text_column, id_column)
    given = None
    if language is None and isinstance(articles, pd.DataFrame) and "language" in articles.columns:
        given = [v.split("-")[0].lower() if isinstance(v, str) and v else None for v in articles["language"].tolist()]
    if progress is not False:
        from tqdm.auto import tqdm

        total = len(articles) if hasattr(articles, "__len__") and not isinstance(articles, str) else None
        items = tqdm(items, total=total, unit="art", desc="extract", disable=None if progress is None else not progress)
    # the batched scan (compiled kernel or numpy, same rows as _extract_reference) for English,
    # the article-by-article path with regionkit.lang for the region's languages
    return _with_languages(items, language, given, want_sections, want_kinds, gaz, ruleset)


def _extract_reference(articles: Any, *, text_column: str = "text", id_column: str = "article_id",
                       sections: Iterable[str] | None = None, kinds: Iterable[str] | None = None,
                       gazetteer: Gazetteer | None = None, rules: Iterable[Rule | str] | None = None,
                       language: str | None = None) -> pd.DataFrame:
    """:func:`extract_mentions` article by article (:func:`scan_text` per text): what the batched scan must equal."""
    want_sections = None if sections is None else set([sections] if isinstance(sections, str) else sections)
    want_kinds = None if kinds is None else set([kinds] if isinstance(kinds, str) else kinds)
    gaz = resolve_gazetteer(gazetteer)
    ruleset = resolve_rules(rules)
    rows: list[tuple] = []
    for article_id, text in _iter_inputs(articles, text_column, id_column):
        _extract_one(article_id, text, rows, want_sections, want_kinds, gaz, ruleset, language)
    return _frame(rows, gaz.names)
