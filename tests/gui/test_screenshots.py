"""The README screenshot script builds a real state of the app offscreen and saves a small PNG."""

from __future__ import annotations

from PIL import Image

from tools import screenshots


async def test_research_running_state_is_captured_as_a_small_palette_png(tmp_path):
    written = await screenshots.capture(["research-running"], tmp_path / "out", tmp_path / "home")

    path = written["research-running"]
    assert path == tmp_path / "out" / "research-running.png"
    with Image.open(path) as image:
        assert image.size == screenshots.WINDOW_SIZE
        assert image.mode == "P"  # reduced to a palette
    assert path.stat().st_size < 300 * 1024


async def test_a_state_the_tree_cannot_show_is_skipped_with_a_note(tmp_path, capsys, monkeypatch):
    async def missing(_session):
        raise screenshots.FeatureMissingError("no such feature here")

    monkeypatch.setitem(screenshots.STATES, "dark", missing)
    written = await screenshots.capture(["dark"], tmp_path / "out", tmp_path / "home")

    assert written == {}
    assert "skipped dark: no such feature here" in capsys.readouterr().out


async def test_the_tool_loop_and_mcp_states_are_captured(tmp_path):
    names = ["tool-approval", "tool-loop", "mcp-servers"]
    written = await screenshots.capture(names, tmp_path / "out", tmp_path / "home")

    assert set(written) == set(names)
    for path in written.values():
        with Image.open(path) as image:
            assert image.size == screenshots.WINDOW_SIZE
