"""Runs the benchmarks in ``tests/benchmarks/`` and writes ``docs/benchmarks.md``.

Run from the repository root::

    python -m tools.benchmarks                      # every benchmark, default sizes (takes a while)
    python -m tools.benchmarks --quick              # fewer runs of each (a rough page in minutes)
    python -m tools.benchmarks --only streaming startup   # re-run these, keep the others' sections
    python -m tools.benchmarks --rewrite            # run nothing; rebuild the page from its sections

Every module of ``tests/benchmarks`` that has a ``main()`` is a benchmark (``serve_fake`` is the
fake server they share); each runs in its own process, as ``python -m tests.benchmarks.NAME``.
The page keeps each benchmark's printed output verbatim, with the command and the date of its run,
between ``<!-- benchmark:NAME -->`` markers; ``--only`` replaces those sections and keeps the
others. The table of key figures at the top is read back from those outputs (the lines the
benchmarks print with the stock SDK, the bare Qt window or a target beside the app's figure), and
the machine section says where the page was last written.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "tests" / "benchmarks"
DEFAULT_OUT = ROOT / "docs" / "benchmarks.md"
#: Modules of tests/benchmarks that are helpers, not benchmarks.
HELPERS = frozenset({"__init__", "serve_fake"})
#: The order of the page (benchmarks found but not listed here come after, by name).
ORDER = (
    "streaming",
    "startup",
    "idle",
    "conversation_perf",
    "gc_pause",
    "render_stream",
    "pathological",
    "store_open",
    "attachments_responsiveness",
    "tool_steps",
    "tool_loop",
)
#: Smaller sizes for ``--quick`` (only options the benchmark declares are passed).
QUICK_ARGS: dict[str, tuple[str, ...]] = {
    "streaming": ("--runs", "3"),
    "startup": ("--runs", "4"),
    "idle": ("--runs", "2", "--paint-runs", "4"),
    "store_open": ("--repeat", "5"),
    "attachments_responsiveness": ("--mb", "200"),
    "tool_loop": ("--runs", "2"),
}
SECTION = re.compile(r"<!-- benchmark:(?P<name>\w+) -->\n(?P<body>.*?)<!-- /benchmark:(?P=name) -->\n", re.S)
OUTPUT = re.compile(r"```text\n(?P<out>.*?)```", re.S)


@dataclass(frozen=True)
class Result:
    """One benchmark's run: its name, command line, printed output, exit status, duration and date."""

    name: str
    command: str
    output: str
    status: int
    seconds: float
    date: str


# -- discovery and running -------------------------------------------------------------------------
def discover(bench_dir: Path = BENCH_DIR) -> list[str]:
    """The benchmark module names in ``bench_dir`` (those with a ``main`` function), in page order."""
    found = []
    for path in bench_dir.glob("*.py"):
        if path.stem in HELPERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body):
            found.append(path.stem)
    return sorted(found, key=lambda n: (ORDER.index(n) if n in ORDER else len(ORDER), n))


def quick_args(name: str, bench_dir: Path = BENCH_DIR) -> list[str]:
    """The ``--quick`` options for ``name``, keeping only those its source declares."""
    source = (bench_dir / f"{name}.py").read_text(encoding="utf-8")
    wanted = QUICK_ARGS.get(name, ())
    args: list[str] = []
    for option, value in zip(wanted[::2], wanted[1::2], strict=True):
        if f'"{option}"' in source:
            args += [option, value]
    return args


def run_benchmark(name: str, args: Sequence[str], timeout: float) -> Result:
    """Run ``python -m tests.benchmarks.NAME ARGS`` from the repository root; its stdout is the output.

    A benchmark that fails or times out still gives a Result (status non-zero, the error's tail in
    the output), so one broken benchmark does not lose the others' figures.
    """
    command = [sys.executable, "-m", f"tests.benchmarks.{name}", *args]
    shown = " ".join(["python", "-m", f"tests.benchmarks.{name}", *args])
    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    t0 = time.monotonic()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
        output, status = done.stdout, done.returncode
        if status != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-15:])
            output += f"\n[exit status {status}]\n{tail}"
    except subprocess.TimeoutExpired as expired:
        partial = expired.stdout if isinstance(expired.stdout, str) else (expired.stdout or b"").decode()
        output, status = partial + f"\n[timed out after {timeout:.0f} s]\n", -1
    return Result(name, shown, output.strip("\n") + "\n", status, time.monotonic() - t0, date)


# -- the machine -----------------------------------------------------------------------------------
def _first_match(path: str, pattern: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    found = re.search(pattern, text, re.M)
    return found.group(1).strip() if found else ""


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """What the figures ran on: CPU, cores, RAM, OS, Python, Qt/PySide6 and google-genai, date, load."""
    cpu = _first_match("/proc/cpuinfo", r"^model name\s*:\s*(.+)$") or platform.processor() or platform.machine()
    mem_kb = _first_match("/proc/meminfo", r"^MemTotal:\s*(\d+) kB")
    ram = f"{int(mem_kb) / 2**20:.1f} GiB" if mem_kb else "unknown"
    os_name = _first_match("/etc/os-release", r'^PRETTY_NAME="?([^"\n]+)"?') or platform.system()
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {pyside_version} (Qt {qVersion()})"
    except ImportError:
        qt = "PySide6 not installed"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    return {
        "CPU": f"{cpu} ({platform.machine()})",
        "cores": str(os.cpu_count() or "unknown"),
        "RAM": ram,
        "OS": f"{os_name}, kernel {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "Qt": qt,
        "google-genai": _version("google-genai"),
        "load average (1, 5, 15 min) when the page was written": load,
        "page written": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# -- key figures -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One row of the key figures: what, the app's figure, the reference's, their ratio, the goal."""

    what: str
    app: str
    reference: str = ""
    ratio: str = ""
    goal: str = ""


def _search(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.M)


def _goal(text: str) -> str:
    """A goal as printed (``<= 1.3x``) in the page's notation (``≤ 1.3×``)."""
    text = text.strip().replace("<=", "≤").replace(">=", "≥")
    return re.sub(r"(\d)x\b", "\\1×", text)


def streaming_figures(out: str) -> list[Figure]:
    """The service against the stock SDK loop: burst wall time, deltas/s, GUI-thread stalls."""
    rows = {
        m["path"]: m
        for m in re.finditer(
            r"^(?P<path>stock|service)\s+(?P<wall>[\d.]+)\s+(?P<rate>\d+)\s+(?P<gap>[\d.]+) ms", out, re.M
        )
    }
    speed = _search(r"speed-up service vs stock: ([\d.]+)x", out)
    worst = _search(r"worst timer gap in any burst run: stock (\d+) ms, service (\d+) ms", out)
    deltas = _search(r"^Streaming (\d+) text deltas", out)
    figures = []
    if "stock" in rows and "service" in rows:
        s, k = rows["service"], rows["stock"]
        figures.append(
            Figure(
                f"Streaming a {int(deltas[1]) if deltas else 2000:,}-delta answer (wall time; deltas/s)",
                f"{s['wall']} s; {s['rate']}/s",
                f"stock SDK: {k['wall']} s; {k['rate']}/s",
                f"{speed[1]}× faster" if speed else "",
                "≥ 3×",
            )
        )
    if worst:
        figures.append(
            Figure(
                "Longest GUI-thread stall while streaming", f"{worst[2]} ms", f"stock SDK: {worst[1]} ms", "", "≤ 50 ms"
            )
        )
    return figures


def startup_figures(out: str) -> list[Figure]:
    """First paint against a bare QMainWindow, and the quit time."""
    bare = _search(r"^bare QMainWindow\s+(\d+) ms", out)
    app = _search(r"^Gemini Desktop\s+(\d+) ms", out)
    ratio = _search(r"^ratio\s+([\d.]+)(?:\s+\(target <= ([\d.]+)\))?", out)
    quit_ = _search(r"Quit \(SIGTERM -> exit 0\): median (\d+) ms", out)
    figures = []
    if bare and app:
        figures.append(
            Figure(
                "Process start → window painted",
                f"{app[1]} ms",
                f"bare Qt window: {bare[1]} ms",
                f"{ratio[1]}×" if ratio else "",
                f"≤ {ratio[2] if ratio and ratio[2] else '1.3'}×",  # the target the benchmark printed
            )
        )
    if quit_:
        figures.append(Figure("Quit (Ctrl+Q or SIGTERM → exit)", f"{quit_[1]} ms", "", "", "≤ 2,000 ms"))
    return figures


def idle_figures(out: str) -> list[Figure]:
    """Idle memory and start-up against a bare window, first prompt, hand-over, quick ask."""
    figures = []
    rss = _search(r"^idle RSS, process tree \(MB\)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+(.+)$", out)
    if rss:
        figures.append(
            Figure(
                "Idle memory (RSS of the process tree)",
                f"{rss[2]} MB",
                f"bare Qt window: {rss[1]} MB",
                f"{rss[3]}×",
                _goal(rss[4]),
            )
        )
    paint = _search(r"^process start -> window painted\s+(\d+)ms\s+(\d+)ms\s+([\d.]+)\s+(<= [\d.]+x)", out)
    if paint:
        figures.append(
            Figure(
                "Process start → window painted (idle run)",
                f"{paint[2]} ms",
                f"bare Qt window: {paint[1]} ms",
                f"{paint[3]}×",
                _goal(paint[4]),
            )
        )
    for label, what in (
        ("first prompt: Enter -> on the wire", "First prompt after start: Enter → request on the wire"),
        ("second launch: hand over and exit", "Second launch hands over and exits"),
        ("--quick -> quick ask shown", "`--quick` → quick-ask window shown"),
    ):
        found = _search(re.escape(label) + r"\s+(\d+)ms\s+(<= [\d]+ ms)?", out)
        if found:
            figures.append(Figure(what, f"{found[1]} ms", "", "", _goal(found[2] or "")))
    return figures


def render_stream_figures(out: str) -> list[Figure]:
    """Incremental Markdown rendering against re-rendering the whole answer at each refresh."""
    answer = _search(r"^answer: ([\d,]+) chars", out)
    parts = re.split(r"^naive", out, maxsplit=1, flags=re.M)
    if len(parts) != 2 or answer is None:  # noqa: PLR2004 - before and after the "naive" heading
        return []
    last = r"median per delta, last 10%:\s+([\d.]+) us"
    mine, naive = _search(last, parts[0]), _search(last, parts[1])
    growth = _search(r"ratio last/first:\s+([\d.]+)", parts[0])
    if mine is None or naive is None:
        return []
    figures = [
        Figure(
            f"Markdown per streamed delta at the end of a {answer[1]}-char answer",
            f"{float(mine[1]):,.0f} µs",
            f"whole re-render each time: {float(naive[1]):,.0f} µs",
            f"{float(naive[1]) / float(mine[1]):,.0f}× less",
            "",
        )
    ]
    if growth:
        figures.append(
            Figure("Markdown cost per delta, last 10 % / first 10 % of the answer", growth[1], "", "", "≤ 1.5")
        )
    return figures


def tool_steps_figures(out: str) -> list[Figure]:
    """An answer with tool steps and citations against the same answer without them."""
    found = _search(r"plain (\d+) ms, with 6 tool steps \+ 60 citations (\d+) ms, ratio ([\d.]+)", out)
    if found is None:
        return []
    return [
        Figure(
            "Streaming an answer with 6 tool steps and 60 citations (GUI-thread CPU)",
            f"{found[2]} ms",
            f"same text, plain: {found[1]} ms",
            f"{found[3]}×",
            "≤ 1.20×",
        )
    ]


def goal_lines(out: str, limit: int = 6) -> list[Figure]:
    """Any other benchmark: the lines that state a target or goal, as they were printed."""
    wanted = re.compile(r"\b(target|goal|ratio|speed-up|max wait)\b", re.I)
    lines = [" ".join(ln.split()) for ln in out.splitlines() if wanted.search(ln)]
    return [Figure(line, "") for line in lines[:limit]]


FIGURES: dict[str, Callable[[str], list[Figure]]] = {
    "streaming": streaming_figures,
    "startup": startup_figures,
    "idle": idle_figures,
    "render_stream": render_stream_figures,
    "tool_steps": tool_steps_figures,
}


def key_figures(results: dict[str, Result]) -> tuple[list[tuple[str, Figure]], list[tuple[str, Figure]]]:
    """(figures against a reference, other headline lines), each with its benchmark's name."""
    compared: list[tuple[str, Figure]] = []
    other: list[tuple[str, Figure]] = []
    for name, result in results.items():
        if name in FIGURES:
            compared += [(name, f) for f in FIGURES[name](result.output)]
        else:
            other += [(name, f) for f in goal_lines(result.output)]
    return compared, other


# -- the page --------------------------------------------------------------------------------------
def section(result: Result) -> str:
    """One benchmark's section, between its markers (read back by ``read_sections``)."""
    state = "" if result.status == 0 else f" — **failed (exit status {result.status})**"
    return (
        f"<!-- benchmark:{result.name} -->\n"
        f"### {result.name}\n\n"
        f"`{result.command}` — {result.date}, {result.seconds:.0f} s{state}\n\n"
        f"```text\n{result.output}```\n\n"
        f"<!-- /benchmark:{result.name} -->\n"
    )


def read_sections(page: str) -> dict[str, Result]:
    """The benchmark sections of an existing page, as Results (command, date and output kept)."""
    results = {}
    for found in SECTION.finditer(page):
        body = found["body"]
        output = OUTPUT.search(body)
        head = re.search(r"^`(?P<cmd>[^`]+)` — (?P<date>[^,]+), (?P<s>\d+) s(?P<failed>.*)$", body, re.M)
        if output is None or head is None:
            continue
        status = 1 if "failed" in head["failed"] else 0
        results[found["name"]] = Result(
            found["name"], head["cmd"], output["out"], status, float(head["s"]), head["date"]
        )
    return results


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_page(results: dict[str, Result], info: dict[str, str], order: Sequence[str]) -> str:
    """The whole Markdown page."""
    compared, other = key_figures({n: results[n] for n in order if n in results})
    lines = [
        "# Benchmarks",
        "",
        "Figures printed by the benchmarks in `tests/benchmarks/`, collected by `python -m tools.benchmarks`",
        "(which rewrites this page). They are measurements, not pass/fail tests; each section below keeps",
        "the benchmark's output as printed, with its command and date.",
        "",
        "> **Noisy figures.** These ran on a small shared machine (see below) while other jobs were running on",
        "> it, so single figures can be off by tens of percent. Compare the ratios — the app against the",
        "> stock SDK or a bare Qt window, measured in the same run — rather than absolute times, and",
        "> regenerate the page on a quiet machine for absolute numbers.",
        "",
        "## Key figures",
        "",
        "| | Gemini Desktop | reference (same run) | ratio | goal |",
        "|---|---|---|---|---|",
    ]
    for _name, f in compared:
        lines.append(f"| {_cell(f.what)} | {_cell(f.app)} | {_cell(f.reference)} | {f.ratio} | {_cell(f.goal)} |")
    if other:
        lines += ["", "Other headline lines (as printed):", ""]
        lines += [f"- `{name}`: {_cell(f.what)}" for name, f in other]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {key} | {_cell(value)} |" for key, value in info.items()]
    lines += ["", "## Each benchmark", ""]
    for name in order:
        if name in results:
            lines.append(section(results[name]))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns 0, or 1 when a benchmark failed (the page is written anyway)."""
    names = discover()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--only", nargs="+", choices=names, help="run these; keep the other sections of the page")
    parser.add_argument("--quick", action="store_true", help="fewer runs of each benchmark")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds allowed per benchmark")
    parser.add_argument("--rewrite", action="store_true", help="run nothing: rebuild the page from its sections")
    args = parser.parse_args(argv)
    keep = args.only or args.rewrite
    previous = read_sections(args.out.read_text(encoding="utf-8")) if args.out.exists() and keep else {}
    results = {n: r for n, r in previous.items() if n in names}
    if args.rewrite:
        args.out.write_text(render_page(results, machine(), names), encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
    failed = False
    for name in args.only or names:
        extra = quick_args(name) if args.quick else []
        print(f"running {name} {' '.join(extra)}".rstrip(), flush=True)
        result = run_benchmark(name, extra, args.timeout)
        results[name] = result
        failed |= result.status != 0
        print(result.output, flush=True)
        # Written after each one: a long run interrupted midway keeps what it measured.
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(render_page(results, machine(), names), encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
