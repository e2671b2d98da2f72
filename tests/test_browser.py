"""A real browser: report.html and an exported interactive map in headless Chromium.

Debian's ``chromium`` driven by playwright (playwright's own browser download is not
available offline). Every request other than the file itself (and its inline ``data:``
images) is recorded and refused, so a page that needs the network fails here. Screenshots
go to ``out/browser-test/`` in the repository (or ``$REGIONKIT_SCREENSHOTS``).
When Chromium or playwright is missing the tests are skipped and say why.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import regionkit as rk

ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("REGIONKIT_SCREENSHOTS", ROOT / "out" / "browser-test"))
# as root, without a sandbox; no background connections (the machine's network is closed)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("Chromium not found: install Debian's package (apt-get install chromium) to run the browser tests")


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright (python) not installed: pip install 'regionkit[test]' to run the browser tests")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    arts = rk.demo_articles()
    m = rk.extract_mentions(arts)
    counts = rk.country_counts(m, arts, by="country")
    weights = rk.tie_table(rk.extract_ties(m, articles=arts))
    return {
        "report": rk.report(arts, folder / "report.html", mentions=m),
        "map": rk.plot.explore(counts, mentions=m, articles=arts, path=folder / "explore_map.html") and
        folder / "explore_map.html",
        "network": rk.plot.explore(weights, mentions=m, articles=arts, path=folder / "explore_ties.html") and
        folder / "explore_ties.html",
    }


def _open(browser, path: Path, width: int = 1200, height: int = 900):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems: list[str] = []
    outside: list[str] = []

    def route(r):
        url = r.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems, outside


def test_report_renders_offline_and_prints(browser, pages):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems, outside = _open(browser, pages["report"])
    # every figure is an inline image that decoded
    sizes = page.eval_on_selector_all("img", "els => els.map(e => [e.complete, e.naturalWidth])")
    assert len(sizes) >= 6 and all(done and w > 300 for done, w in sizes), sizes
    headings = page.eval_on_selector_all("h2", "els => els.map(e => e.textContent)")
    assert headings == ["What was read", "Countries", "Maps and charts", "Ties", "Evidence of the strongest ties"]
    assert page.locator("#evidence ~ .ev mark").count() > 10  # mentions highlighted in the evidence
    assert "were skipped as boilerplate" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "report_top.png"))
    page.locator("#evidence").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "report_evidence.png"))
    page.locator("#figures").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "report_figures.png"))
    page.pdf(path=str(SHOTS / "report.pdf"), format="A4")  # printable: Chromium's print to PDF
    assert (SHOTS / "report.pdf").stat().st_size > 100_000
    assert outside == [] and problems == [], (outside, problems)
    page.close()


@pytest.mark.parametrize("name", ["map", "network"])
def test_interactive_figure_renders_offline(browser, pages, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page, problems, outside = _open(browser, pages[name])
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    traces = page.evaluate("document.querySelectorAll('.js-plotly-plot .scatterlayer .trace').length")
    assert traces > (100 if name == "map" else 10)
    # hover: plotly's own hover call shows the hover box with the country's text
    shown = page.evaluate("""() => {
        const gd = document.querySelector('.js-plotly-plot');
        const last = gd.data.length - 1;
        Plotly.Fx.hover(gd, [{curveNumber: last, pointNumber: 0}]);
        const box = document.querySelector('.hoverlayer .hovertext');
        return box ? box.textContent : '';
    }""")
    assert shown.strip(), "no hover text"
    page.screenshot(path=str(SHOTS / f"explore_{name}.png"))
    assert outside == [] and problems == [], (outside, problems)
    page.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab on 127.0.0.1 with a token, on copies of the notebooks (the checkout stays untouched)."""
    import secrets
    import subprocess
    import sys
    import time
    import urllib.request

    pytest.importorskip("jupyterlab", reason="jupyterlab not installed: pip install 'regionkit[notebooks]'")
    root = tmp_path_factory.mktemp("lab")
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(root / ".rt")}
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--allow-root",
           f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
           f"--LabApp.workspaces_dir={root / '.ws'}", "--ServerApp.port_retries=0"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield {"url": url, "token": token, "root": root}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.slow
def test_notebooks_open_in_jupyterlab_unmodified(browser, jupyterlab):
    """Opening a notebook (its kernel starts) must not mark it modified: no git diff after a plain open."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    dirty = {}
    for nb in sorted(jupyterlab["root"].glob("*.ipynb")):
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.goto(f"{jupyterlab['url']}/lab/tree/{nb.name}?token={jupyterlab['token']}")
        try:
            page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached", timeout=90_000)
        except Exception:
            page.screenshot(path=str(SHOTS / f"jupyterlab_failed_{nb.stem}.png"))
            raise
        # the kernel started and reported its language_info: the status bar says Idle
        page.wait_for_function("() => /Idle/.test(document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar')"
                               "?.textContent || '')", timeout=90_000)
        page.wait_for_timeout(1500)
        dirty[nb.stem] = page.evaluate("document.querySelectorAll('.jp-mod-dirty').length")
        if nb.stem.startswith("01"):
            page.screenshot(path=str(SHOTS / "jupyterlab_01_quickstart.png"))
        page.close()
    assert dirty and all(v == 0 for v in dirty.values()), dirty
