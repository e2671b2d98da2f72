"""Packaging: the data travels inside the wheel; `import regionkit` stays light."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT


def test_import_is_light():
    code = ("import sys, regionkit as rk; rk.normalize; "
            "heavy = [m for m in ('geopandas', 'matplotlib', 'dask', 'shapely', 'pyarrow', 'distributed') if m in sys.modules]; "
            "print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_names_resolve():
    import regionkit as rk

    for name in ("normalize", "read_articles", "extract_mentions", "country_counts", "expand_groups",
                 "group_members", "MENTIONS_META", "DIRECT_KINDS"):
        assert getattr(rk, name) is not None
    with pytest.raises(AttributeError):
        rk.no_such_thing  # noqa: B018


@pytest.mark.slow
def test_wheel_carries_data_and_works_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("regionkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("regionkit/data/gazetteer/aliases.csv", "regionkit/data/gazetteer/countries.csv",
                   "regionkit/data/reference/groups.csv", "regionkit/data/articles/demo_articles.jsonl"):
        assert needed in names, needed
    assert any(n.startswith("regionkit/data/boundaries/") for n in names)
    # a fresh venv: the wheel installed into it, dependencies borrowed from this environment
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    vpy = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(vpy), "install", "-q", "--no-deps", str(wheel)],
                   check=True, capture_output=True)
    site = subprocess.run([str(vpy), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = "import regionkit as rk; print(rk.__file__); print(rk.normalize('Holland')); print(len(rk.group_members('central_asia')))"
    out = subprocess.run([str(vpy), "-c", code], cwd=elsewhere, capture_output=True, text=True, check=True,
                         env={"PATH": "/usr/bin:/bin"})
    lines = out.stdout.split()
    assert lines[0].startswith(str(venv)), lines[0]
    assert lines[1:] == ["NLD", "5"]


def test_functions_named_like_their_module_stay_functions():
    code = ("import regionkit as rk, regionkit.normalize, regionkit.gazetteer, regionkit.extract; "
            "print(callable(rk.normalize), callable(rk.gazetteer.gazetteer), rk.normalize('Holland'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True", "NLD"]
