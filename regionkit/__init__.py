"""regionkit: countries in news text, as ISO3 codes in tidy pandas tables, and maps of their ties.

The public surface is listed in ``_LAZY`` below. Everything is imported on first
use, so ``import regionkit`` stays fast and never pulls geopandas, matplotlib or
dask; those load only when a map, chart or Dask job is asked for.

>>> import regionkit as rk
>>> rk.normalize("Holland")
'NLD'
"""

from __future__ import annotations

import sys
from importlib import import_module
from typing import Any


# normalize() shares its name with the module that defines it. Bind it now (the module
# is light: stdlib only at import), so that importing the submodule later can never
# replace the function on the package. (rk.gazetteer is the module; the value is
# rk.Gazetteer, the shipped one rk.default_gazetteer().)
from regionkit.normalize import normalize  # noqa: E402, F401

# The same for rules(): the function shadows its module (use ``from regionkit.rules import Rule``).
from regionkit.rules import rules  # noqa: E402, F401

def _register_accessor() -> None:
    """``DataFrame.rk`` (regionkit.accessor), once pandas is loaded; never imports pandas itself."""
    if "regionkit.accessor" not in sys.modules and "pandas" in sys.modules:
        import regionkit.accessor  # noqa: F401


_register_accessor()  # DataFrame.rk, when pandas is already imported (see regionkit.accessor)

# public name -> module that defines it
_LAZY: dict[str, str] = {
    # articles: reading files and DataFrames, ids, boilerplate
    "read_articles": "regionkit.articles",
    "demo_articles": "regionkit.demo",
    "report": "regionkit.reporting",
    "iter_articles": "regionkit.articles",
    "ARTICLES_META": "regionkit._schema",
    # gazetteer and normalisation
    "Gazetteer": "regionkit.gazetteer",
    "default_gazetteer": "regionkit.gazetteer",
    "current_gazetteer": "regionkit.gazetteer",
    "add_aliases": "regionkit.gazetteer",
    "add_groups": "regionkit.gazetteer",
    "reset_gazetteer": "regionkit.gazetteer",
    "country_name": "regionkit.normalize",
    # extraction
    "Rule": "regionkit.rules",
    "extract_mentions": "regionkit.extract",
    "MENTIONS_META": "regionkit._schema",
    "stream_mentions": "regionkit.stream",
    "DIRECT_KINDS": "regionkit._schema",
    # per-article tables and groups
    "article_countries": "regionkit.countries",
    "country_counts": "regionkit.countries",
    "group_members": "regionkit.groups",
    "expand_groups": "regionkit.groups",
    "list_groups": "regionkit.groups",
    # ties
    "reference_ties": "regionkit.ties",
    "extract_ties": "regionkit.ties",
    "tie_table": "regionkit.ties",
    # geography
    "world": "regionkit.geo",
    "anchors": "regionkit.geo",
    # errors (all are RegionkitError, a ValueError)
    "RegionkitError": "regionkit._errors",
    "InputFileError": "regionkit._errors",
    "InputTypeError": "regionkit._errors",
    "MissingInputError": "regionkit._errors",
    "SchemaError": "regionkit._errors",
    "DuplicateIdError": "regionkit._errors",
    "UnknownGroupError": "regionkit._errors",
    "UnknownCountryError": "regionkit._errors",
    "OutputError": "regionkit._errors",
    "OutputLockedError": "regionkit._errors",
    "IncompleteOutputError": "regionkit._errors",
    # environment: versions and the active scan path (compiled kernel or numpy)
    "show_versions": "regionkit._versions",
}
_SUBMODULES = {"plot", "dask", "geo", "ties", "extract", "articles", "gazetteer", "groups", "countries", "stream", "cli",
               "accessor"}

# submodules that need an optional extra: name -> (top-level packages it imports, extra)
_OPTIONAL = {"dask": (("dask", "distributed"), "dask")}

__all__ = sorted([*_LAZY, *_SUBMODULES, "normalize", "rules", "__version__"])


def __getattr__(name: str) -> Any:
    if name == "__version__":  # read from the installed metadata on first use (importlib.metadata is not free)
        from regionkit._version import package_version

        globals()["__version__"] = value = package_version()
        return value
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        _register_accessor()
        return value
    if name in _SUBMODULES:
        try:
            module = import_module(f"regionkit.{name}")
        except ImportError as exc:
            if name not in _OPTIONAL or exc.name not in _OPTIONAL[name][0]:
                raise
            # an AttributeError, so help(regionkit) / pydoc skip the module instead of failing
            raise AttributeError(f"regionkit.{name} needs {exc.name}: pip install 'regionkit[{_OPTIONAL[name][1]}]'") from exc
        globals()[name] = module
        _register_accessor()
        return module
    raise AttributeError(f"module 'regionkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
