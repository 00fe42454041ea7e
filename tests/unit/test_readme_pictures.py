"""The README shows every screenshot the script takes, each one committed and small, and links the benchmark page."""

from __future__ import annotations

import re
from pathlib import Path

from tools import screenshots

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_screenshot_state_is_shown_in_the_readme_and_committed_small():
    shown = set(re.findall(r"docs/screenshots/([\w-]+)\.png", README))
    assert shown == set(screenshots.STATES)
    for name in shown:
        path = ROOT / "docs" / "screenshots" / f"{name}.png"
        assert path.is_file(), path
        assert path.stat().st_size < 300 * 1024, path


def test_the_readme_links_the_benchmark_page():
    assert "(docs/benchmarks.md)" in README
    assert (ROOT / "docs" / "benchmarks.md").is_file()


def test_the_appstream_screenshots_are_pictures_the_script_takes():
    metainfo = next((ROOT / "resources").glob("*.metainfo.xml")).read_text(encoding="utf-8")
    images = re.findall(r"/docs/screenshots/([\w-]+)\.png</image>", metainfo)
    assert images and set(images) <= set(screenshots.STATES)
