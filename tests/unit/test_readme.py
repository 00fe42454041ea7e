"""The README's install instructions match what CI installs and what the package really needs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _words(text: str) -> set[str]:
    return set(text.replace("\\\n", " ").split())


def _ci_runtime_packages() -> set[str]:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r'RUNTIME_PACKAGES="([^"]+)"', script)
    assert match, ".ci/run names its runtime packages in RUNTIME_PACKAGES"
    return _words(match.group(1))


def _readme_apt_lists() -> list[set[str]]:
    lists = []
    for command in re.findall(r"sudo apt-get install ((?:\\\n|[^\n])+)", README):
        lists.append(_words(command) - {"-y"})
    return lists


def test_the_readme_apt_list_is_what_ci_installs_to_run_the_app():
    runtime = _ci_runtime_packages()
    assert runtime in _readme_apt_lists(), "README's Qt library list must equal RUNTIME_PACKAGES in .ci/run"


def test_the_readme_states_what_a_fresh_machine_needs():
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert requires == ">=3.11" and "Python 3.11 or newer" in README
    assert "python3-venv" in README
    assert "glibc 2.34" in README and "manylinux_2_34" in README  # PySide6 6.11's wheel tag
    assert "Secret Service" in README and "D-Bus session" in README and "gnome-keyring" in README


def test_the_readme_puts_the_command_on_path_and_installs_the_desktop_entry():
    entry = (ROOT / "resources" / "gemini-desktop.desktop").read_text(encoding="utf-8")
    command = re.search(r"^Exec=(\S+)", entry, re.MULTILINE)
    assert command and command.group(1) == "gemini-desktop"
    assert 'ln -sf "$PWD/.venv/bin/gemini-desktop" ~/.local/bin/gemini-desktop' in README
    assert "cp resources/gemini-desktop.desktop ~/.local/share/applications/" in README
    assert "cp resources/icons/gemini-desktop.svg ~/.local/share/icons/hicolor/scalable/apps/" in README
    # The files the README copies exist where it says.
    assert (ROOT / "resources" / "icons" / "gemini-desktop.svg").is_file()
