"""The gazetteer is a value: built once, extended into new values, written to and read from disk."""

from __future__ import annotations

import pickle
import threading

import pandas as pd
import pytest

import regionkit as rk
from regionkit.gazetteer import Gazetteer, current_gazetteer, default_gazetteer

from conftest import DATA

TEXT = "The Middle Kingdom and the Corridor states met in Baku."


def _rows(m: pd.DataFrame, cols=("iso3", "kind", "group", "surface")) -> list[list]:
    sub = m[list(cols)].astype(object)
    return sub.where(sub.notna(), None).values.tolist()


def test_default_is_built_once_and_shared_across_threads():
    seen: list[Gazetteer] = []
    threads = [threading.Thread(target=lambda: seen.append(default_gazetteer())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(g is seen[0] for g in seen)
    assert rk.default_gazetteer() is seen[0]
    assert seen[0].by_key is seen[0].by_key  # compiled once per value


def test_with_aliases_returns_a_new_value_and_leaves_the_old_one_alone():
    base = default_gazetteer()
    g = base.with_aliases({"Middle Kingdom": "China"})
    assert g is not base and g != base and base == default_gazetteer()
    assert _rows(rk.extract_mentions(TEXT, gazetteer=g))[0] == ["CHN", "name", None, "Middle Kingdom"]
    assert "Middle Kingdom" not in set(rk.extract_mentions(TEXT)["surface"])  # the default is untouched
    assert rk.normalize("Middle Kingdom", gazetteer=g) == "CHN" and rk.normalize("Middle Kingdom") is None
    # the value is not tied to the process-wide state: reset does not change it
    rk.reset_gazetteer()
    assert rk.normalize("Middle Kingdom", gazetteer=g) == "CHN"


def test_with_groups_reaches_every_group_step():
    g = default_gazetteer().with_groups({"my_corridor": ["KAZ", "Azerbaijan"]}, aliases={"Corridor states": "my_corridor"})
    assert rk.group_members("my_corridor", gazetteer=g) == ["AZE", "KAZ"]
    assert "my_corridor" in set(rk.list_groups(gazetteer=g)["group_id"])
    assert "my_corridor" not in set(rk.list_groups()["group_id"])
    m = rk.extract_mentions(TEXT, gazetteer=g)
    assert ["group", "my_corridor"] in [r[1:3] for r in _rows(m)]
    wide = rk.expand_groups(m, gazetteer=g)
    assert sorted(wide.loc[wide["expanded_from"] == "my_corridor", "iso3"]) == ["AZE", "KAZ"]
    with pytest.raises(rk.UnknownGroupError, match="unknown group 'my_corridor'"):
        rk.group_members("my_corridor")


def test_dated_user_membership():
    members = pd.DataFrame({"group_id": ["pact", "pact"], "iso3": ["ARM", "Georgia"],
                            "member_since": ["2001", "2010-06"], "member_until": ["", "2015"]})
    g = default_gazetteer().with_groups(members)
    assert rk.group_members("pact", as_of="2005-01-01", gazetteer=g) == ["ARM"]
    assert rk.group_members("pact", as_of="2012-01-01", gazetteer=g) == ["ARM", "GEO"]
    assert rk.group_members("pact", as_of="2016-01-01", gazetteer=g) == ["ARM"]


def test_with_blockers_and_with_people():
    text = "Armenians call the region Artsakh. Mirzoyan spoke for Armenia."
    base = rk.extract_mentions(text)
    assert "Artsakh" in set(base["surface"]) and "Mirzoyan" not in set(base["surface"])
    g = default_gazetteer().with_blockers(["Artsakh"]).with_people({"Mirzoyan": "Armenia"})
    m = rk.extract_mentions(text, gazetteer=g)
    assert "Artsakh" not in set(m["surface"])
    assert ["ARM", "person", None, "Mirzoyan"] in _rows(m)
    people = g.tables["people.csv"]
    assert people.iloc[-1]["surface"] == "Mirzoyan" and people.iloc[-1]["source"] == "user"


def test_bad_user_tables_say_what_is_wrong(tmp_path):
    g = default_gazetteer()
    with pytest.raises(rk.UnknownCountryError, match="'Narnia' is not a known country"):
        g.with_aliases({"Narnia-land": "Narnia"})
    with pytest.raises(rk.UnknownCountryError, match="Atlantis"):
        g.with_groups({"g": ["ARM", "Atlantis"]})
    with pytest.raises(rk.SchemaError, match="unknown kind"):
        g.with_aliases({"X": "ARM"}, kind="planet")
    with pytest.raises(rk.MissingInputError, match="alias file not found"):
        g.with_aliases(tmp_path / "nope.csv")
    with pytest.raises(TypeError, match="dict, a CSV path or a DataFrame"):
        g.with_aliases(42)  # type: ignore[arg-type]
    with pytest.raises(rk.MissingInputError, match="gazetteer folder not found"):
        Gazetteer.from_disk(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(rk.InputFileError, match="countries.csv"):
        Gazetteer.from_disk(tmp_path / "empty")


def test_to_disk_from_disk_round_trip(tmp_path, demo_articles):
    g = (default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
         .with_groups({"my_corridor": ["KAZ", "AZE"]}, aliases={"Corridor states": "my_corridor"})
         .with_blockers(["Artsakh"]))
    folder = g.to_disk(tmp_path / "gaz")
    assert (folder / "countries.csv").is_file() and (folder / "memberships.csv").is_file()
    back = Gazetteer.from_disk(folder)
    assert back == g and back.fingerprint == g.fingerprint
    assert back.by_key == g.by_key
    for name in g.tables:
        pd.testing.assert_frame_equal(back.tables[name], g.tables[name], check_dtype=False)
    pd.testing.assert_frame_equal(rk.extract_mentions(demo_articles, gazetteer=back),
                                  rk.extract_mentions(demo_articles, gazetteer=g))
    assert rk.group_members("my_corridor", gazetteer=back) == ["AZE", "KAZ"]
    # the shipped one round-trips too, and a folder is accepted wherever a gazetteer is
    default_gazetteer().to_disk(tmp_path / "shipped")
    assert Gazetteer.from_disk(tmp_path / "shipped") == default_gazetteer()
    seed = (DATA / "articles" / "000_882ee92918b85e76.txt").read_text(encoding="utf-8")
    pd.testing.assert_frame_equal(rk.extract_mentions(seed, gazetteer=str(tmp_path / "shipped")),
                                  rk.extract_mentions(seed))


def test_pickle_keeps_the_value_and_rebuilds_the_compiled_parts():
    g = default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
    g.automaton  # compiled in this process
    blob = pickle.dumps(g)
    assert len(blob) < 3_000_000  # the tables only (1.3 MB of them the language tables, lang/*.csv), no compiled part
    back = pickle.loads(blob)
    assert back == g and "automaton" not in back._memo
    assert _rows(rk.extract_mentions(TEXT, gazetteer=back)) == _rows(rk.extract_mentions(TEXT, gazetteer=g))


def test_reset_then_new_groups_are_known():
    """The bug of issue 12: a membership cache keyed by the number of user groups kept 'alpha' after a reset."""
    try:
        rk.add_groups({"alpha": ["ARM", "GEO"]})
        assert "alpha" in set(rk.list_groups()["group_id"])
        rk.reset_gazetteer()
        rk.add_groups({"beta": ["AZE"]})
        assert rk.group_members("beta") == ["AZE"]
        with pytest.raises(rk.UnknownGroupError):
            rk.group_members("alpha")
    finally:
        rk.reset_gazetteer()
    assert current_gazetteer() is default_gazetteer()


def test_module_level_layer_builds_on_the_current_value():
    try:
        assert rk.add_aliases({"Middle Kingdom": "CHN"}) == 1
        first = current_gazetteer()
        assert first != default_gazetteer()
        rk.add_groups({"my_corridor": ["KAZ"]}, aliases={"Corridor states": "my_corridor"})
        # both additions live in the current value, and gazetteer=None means it everywhere
        assert [r[:3] for r in _rows(rk.extract_mentions(TEXT))][:2] == [["CHN", "name", None],
                                                                       [None, "group", "my_corridor"]]
        assert rk.normalize("Middle Kingdom") == "CHN"
        # an explicit value wins over the current one
        assert rk.extract_mentions(TEXT, gazetteer=default_gazetteer())["iso3"].dropna().tolist() == ["AZE"]
    finally:
        rk.reset_gazetteer()


def test_cli_gazetteer_folder(tmp_path, capsys):
    from regionkit.cli import main

    folder = default_gazetteer().with_aliases({"Middle Kingdom": "CHN"}).to_disk(tmp_path / "gaz")
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["extract", str(src), "-o", str(out), "--gazetteer", str(folder), "--no-progress"]) == 0
    assert "CHN" in set(pd.read_csv(out)["iso3"])
    assert main(["extract", str(src), "-o", str(tmp_path / "d.csv"), "--no-progress"]) == 0
    assert "CHN" not in set(pd.read_csv(tmp_path / "d.csv")["iso3"])
    capsys.readouterr()
    assert main(["extract", str(src), "-o", str(out), "--gazetteer", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "gazetteer folder not found" in err[0]


def test_plot_functions_take_a_gazetteer():
    import inspect

    import matplotlib

    g = default_gazetteer().with_aliases({"Middle Kingdom": "CHN"}).with_groups({"my_corridor": ["KAZ", "AZE"]})
    for name in ("choropleth", "groups_map", "tie_map", "tie_network", "timeline", "comention_heatmap",
                 "top_countries"):
        assert "gazetteer" in inspect.signature(getattr(rk.plot, name)).parameters, name
    ax = rk.plot.groups_map(groups=["my_corridor"], frame="caucasus", gazetteer=g)
    assert isinstance(ax, matplotlib.axes.Axes)
    with pytest.raises(ValueError, match="my_corridor"):
        rk.plot.groups_map(groups=["my_corridor"], frame="caucasus")
    values = pd.Series({"Middle Kingdom": 5, "Kazakhstan": 2})
    with pytest.raises(ValueError):
        rk.plot.choropleth(values, frame="world")  # "Middle Kingdom" is not a country name without g
    assert isinstance(rk.plot.choropleth(values, frame="world", gazetteer=g), matplotlib.axes.Axes)


def test_extract_ties_and_cli_ties_take_a_gazetteer(tmp_path, capsys):
    from regionkit.cli import main

    text = "The Middle Kingdom and Kazakhstan signed a trade agreement."
    g = default_gazetteer().with_aliases({"Middle Kingdom": "CHN"})
    with_g = rk.extract_ties(text, gazetteer=g)
    assert ("CHN", "KAZ") in set(zip(with_g["a"], with_g["b"]))
    assert "CHN" not in set(rk.extract_ties(text)["a"])
    src = tmp_path / "a.txt"
    src.write_text(text, encoding="utf-8")
    folder = g.to_disk(tmp_path / "gaz")
    assert main(["ties", str(src), "-o", str(tmp_path / "t.csv"), "--gazetteer", str(folder)]) == 0
    assert "CHN" in set(pd.read_csv(tmp_path / "t.csv")["a"])


def test_add_aliases_as_first_call_in_a_fresh_process_does_not_hang():
    # the module lock was taken twice (add_aliases -> default_gazetteer) when nothing had built the default yet
    import subprocess
    import sys

    code = ("import regionkit as rk; rk.add_aliases({'Freedonia': 'USA'}); "
            "print(rk.extract_mentions('Freedonia and Iran').iso3.tolist())")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['USA', 'IRN']"


def test_a_value_unpickled_twice_in_one_process_is_compiled_once():
    # a Dask worker may receive the same value twice (computed there, then fetched from a peer)
    import pickle

    from regionkit import gazetteer as gz

    g = rk.default_gazetteer().with_aliases({"Zembla": "NOR"})
    blob = pickle.dumps(g)
    first, second = pickle.loads(blob), pickle.loads(blob)
    before = gz.COMPILED.get(g.fingerprint, 0)
    assert rk.extract_mentions("Zembla and Iran", gazetteer=first).iso3.tolist() == ["NOR", "IRN"]
    assert rk.extract_mentions("Zembla and Iran", gazetteer=second).iso3.tolist() == ["NOR", "IRN"]
    assert first == second == g and first.by_key is second.by_key
    assert gz.COMPILED.get(g.fingerprint, 0) - before == 1
