"""Scraping noise: navigation, teaser lists and blocks repeated within a page.

A scraped news page ends its story, then carries navigation ("Related articles",
"Editor's choice", "Popular"), teasers of other stories, share and cookie lines.
:func:`boilerplate_spans` returns the character ranges of that noise so the
extractor can label mentions ``section="boilerplate"`` instead of dropping them.

Rules (applied line by line; a "line" is text between newlines):

1. A navigation heading line ("Related articles", "Editor's choice", "Popular",
   "Most read", "Read more", "You may also like", ...) starts the page's trailer:
   it and everything after it is boilerplate.
2. Share/cookie/subscribe lines and inline teasers anywhere ("Share this article",
   "We use cookies", "Sign up for our newsletter", "Read more: ...", "Related: ...",
   "Tags: ...") are boilerplate.
3. A paragraph of 40+ characters that appears more than once in the page is a
   repeated block: every copy after the first is boilerplate, and so is the first
   copy when it sits after a navigation heading (rule 1 already covers that).
"""

from __future__ import annotations

import re

__all__ = ["boilerplate_spans", "NAV_HEADINGS"]

#: Line texts (case-insensitive, trailing ':' ignored) that open the trailer of a scraped page.
NAV_HEADINGS = frozenset(
    {
        "related articles", "related", "related stories", "related news", "related content", "related posts",
        "editor's choice", "editors' choice", "editors choice", "popular", "most popular", "most read",
        "most viewed", "trending", "trending now", "read more", "read next", "more stories", "more from",
        "you may also like", "you might also like", "recommended", "recommended for you", "latest news",
        "more news", "see also", "also read", "top stories", "in other news", "don't miss",
    }
)
_NOISE_LINE = re.compile(
    r"^\s*(share (this|on)|follow us|sign up|subscribe|we use cookies|this (web)?site uses cookies|accept (all )?cookies"
    r"|cookie (policy|settings)|advertisement|skip to (main )?content|click here|print this|copyright ©|© \d{4}"
    r"|all rights reserved|newsletter|tags?:|topics?:|(read|see|watch|listen) (more|also|next)\s*[:|\-\u2013\u2014]"
    r"|also read\s*[:|\-\u2013\u2014]|related( articles?| stories| news)?\s*:)",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]*")


def _norm_heading(line: str) -> str:
    return re.sub(r"\s+", " ", line.replace("\u2019", "'")).strip().rstrip(":").strip().casefold()


def boilerplate_spans(text: str | None) -> list[tuple[int, int]]:
    """Return sorted, non-overlapping ``(start, end)`` ranges of scraping noise in ``text``.

    Parameters
    ----------
    text
        The article text as read (None or empty gives no spans).

    Returns
    -------
    list of tuple of int
        Character ranges; ``text[start:end]`` is noise. Empty for clean text.

    Examples
    --------
    >>> t = "Story.\\n\\nRelated articles\\n\\nOther story"
    >>> [t[a:b] for a, b in boilerplate_spans(t)]
    ['Related articles\\n\\nOther story']
    """
    if not text:
        return []
    spans: list[tuple[int, int]] = []
    seen: set[str] = set()
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if len(line) < 200:
            if not line.strip():
                continue
            if len(line) < 60 and _norm_heading(line) in NAV_HEADINGS:
                spans.append((start, len(text)))
                break
            if _NOISE_LINE.match(line):
                spans.append((start, end))
                continue
        if len(line) >= 40:
            key = " ".join(line.split()).casefold()
            if len(key) < 40:
                continue
            if key in seen:
                spans.append((start, end))
            else:
                seen.add(key)
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
