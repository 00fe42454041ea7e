"""Benchmark: incremental Markdown rendering of a streamed answer, and pathological inputs.

Run with ``python -m tests.benchmarks.render_stream``. Prints figures, asserts nothing.

A 200,000-character answer is fed to ``StreamingMarkdown`` in 5-20 character deltas; every
``DELTAS_PER_REFRESH`` deltas (33 ms of simulated time at the assumed delta rate) the view's timer
work is done: take the newly stable blocks and render the tail. The cost of a delta is its
``append`` plus its share of the refresh. If the work per delta does not grow with the text already
received, the median over the last 10 % of the stream stays close to the first 10 %.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable

from desktop.render import StreamingMarkdown, render_markdown
from desktop.render.markdown import MAX_NESTING

ANSWER_CHARS = 200_000
DELTAS_PER_SECOND = 120  # ~1,500 characters/s: a fast model
REFRESH_SECONDS = 0.033
DELTAS_PER_REFRESH = max(1, round(DELTAS_PER_SECOND * REFRESH_SECONDS))
NAIVE_SAMPLES = 25
SLICE_CHARS = 32_000


def pathological_inputs() -> dict[str, str]:
    """Inputs known to make Markdown parsers slow or deeply recursive (also used by the tests)."""
    columns = 20
    table = [
        "| " + " | ".join(f"h{c}" for c in range(columns)) + " |",
        "|" + "|".join("---" for _ in range(columns)) + "|",
    ]
    table += ["| " + " | ".join(f"r{r}c{c}" for c in range(columns)) + " |" for r in range(2000)]
    prose = "Some *emphasis*, `code`, a [link](https://example.com) and **strong** text.\n\n"
    return {
        "10k '>'": ">" * 10_000 + " deep",
        "10k '['": "[" * 10_000 + "x",
        "10k '*'": "*" * 10_000 + "x",
        "10k '*a '": "*a " * 10_000,
        "10k '_*'": "_*" * 10_000,
        "10k '[a]('": "[a](" * 10_000,
        "10k '<'": "<" * 10_000 + "a",
        "10k '`'": "`" * 10_000,
        "5k nested lists (one line)": "- " * 5_000 + "x",
        "5k nested lists (staircase)": "".join(" " * (2 * (i % 100)) + "- item\n" for i in range(5_000)),
        "5k nested quote+list": "> - " * 5_000 + "x",
        "table 2000x20": "\n".join(table) + "\n",
        "unclosed fence 1 MB": "```python\n" + "x = [i for i in range(10)]\n" * 38_000,
        "1 MB prose": (prose * (1_000_000 // len(prose) + 1))[:1_000_000],
        "1 MB one line": ("word " * 200_000)[:1_000_000],
    }


def make_answer(size: int, seed: int = 0) -> str:
    """A Markdown answer of about ``size`` characters mixing prose, lists, code and tables."""
    rng = random.Random(seed)
    words = [
        "the",
        "model",
        "streams",
        "text",
        "while",
        "the",
        "window",
        "keeps",
        "painting",
        "every",
        "frame",
        "so",
        "rendering",
        "must",
        "stay",
        "cheap",
        "per",
        "delta",
        "even",
        "when",
        "answers",
        "grow",
        "long",
        "with",
        "code",
        "and",
        "lists",
    ]

    def sentence() -> str:
        picked = [rng.choice(words) for _ in range(rng.randint(6, 16))]
        if rng.random() < 0.3:
            picked[rng.randrange(len(picked))] = f"`{rng.choice(words)}()`"
        if rng.random() < 0.3:
            picked[rng.randrange(len(picked))] = f"**{rng.choice(words)}**"
        if rng.random() < 0.1:
            picked.append(f"[docs](https://example.com/{rng.choice(words)})")
        return " ".join(picked).capitalize() + "."

    def paragraph() -> str:
        return " ".join(sentence() for _ in range(rng.randint(2, 5)))

    def code(indent: str = "") -> str:
        lang = rng.choice(["python", "javascript", "bash", "rust", ""])
        body = [f"def step_{i}(x):\n    return x * {i}  # {rng.choice(words)}" for i in range(rng.randint(2, 12))]
        text = "\n".join(body)
        lines = [f"```{lang}", *text.split("\n"), "```"]
        return "\n".join(indent + line for line in lines)

    def bullet_list() -> str:
        return "\n".join(f"- {sentence()}" for _ in range(rng.randint(2, 6)))

    def steps() -> str:
        items = []
        for i in range(1, rng.randint(2, 4) + 1):
            items.append(f"{i}. {sentence()}\n\n{code('   ')}")
        return "\n\n".join(items)

    def table() -> str:
        cols = rng.randint(2, 5)
        head = "| " + " | ".join(rng.choice(words) for _ in range(cols)) + " |"
        rule = "|" + "|".join("---" for _ in range(cols)) + "|"
        rows = ["| " + " | ".join(rng.choice(words) for _ in range(cols)) + " |" for _ in range(rng.randint(2, 8))]
        return "\n".join([head, rule, *rows])

    def quote() -> str:
        return "> " + sentence() + "\n> " + sentence()

    makers: list[Callable[[], str]] = [
        paragraph,
        paragraph,
        paragraph,
        bullet_list,
        code,
        steps,
        table,
        quote,
    ]
    parts: list[str] = []
    total = 0
    while total < size:
        part = f"## {sentence()}" if rng.random() < 0.1 else rng.choice(makers)()
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)[:size]


def make_deltas(text: str, seed: int = 1) -> list[str]:
    """Split text into 5-20 character deltas."""
    rng = random.Random(seed)
    deltas = []
    i = 0
    while i < len(text):
        n = rng.randint(5, 20)
        deltas.append(text[i : i + n])
        i += n
    return deltas


def stream_costs(deltas: list[str]) -> tuple[list[float], StreamingMarkdown]:
    """Per-delta cost (seconds) of append plus the amortised refresh, over the whole stream."""
    stream = StreamingMarkdown()
    costs: list[float] = []
    window: list[float] = []
    for i, delta in enumerate(deltas, 1):
        t0 = time.perf_counter()
        stream.append(delta)
        window.append(time.perf_counter() - t0)
        if i % DELTAS_PER_REFRESH == 0 or i == len(deltas):
            t0 = time.perf_counter()
            stream.take_new_stable_html()
            stream.tail_html()
            share = (time.perf_counter() - t0) / len(window)
            costs.extend(c + share for c in window)
            window = []
    stream.finish()
    return costs, stream


def naive_costs(deltas: list[str], indices: range) -> list[float]:
    """Per-delta cost of re-rendering the whole text at each refresh, sampled in ``indices``."""
    prefix_lengths = []
    total = 0
    for delta in deltas:
        total += len(delta)
        prefix_lengths.append(total)
    text = "".join(deltas)
    refresh_points = [i for i in indices if (i + 1) % DELTAS_PER_REFRESH == 0]
    step = max(1, len(refresh_points) // NAIVE_SAMPLES)
    costs = []
    for i in refresh_points[::step]:
        t0 = time.perf_counter()
        render_markdown(text[: prefix_lengths[i]])
        costs.append((time.perf_counter() - t0) / DELTAS_PER_REFRESH)
    return costs


def time_call(fn: Callable[[], object]) -> float:
    """Wall time of one call, in seconds."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    """Print the streaming and pathological-input figures."""
    answer = make_answer(ANSWER_CHARS)
    deltas = make_deltas(answer)
    tenth = len(deltas) // 10
    first, last = range(0, tenth), range(len(deltas) - tenth, len(deltas))
    print(
        f"answer: {len(answer):,} chars, {len(deltas):,} deltas, "
        f"tail refresh every {DELTAS_PER_REFRESH} deltas (33 ms at {DELTAS_PER_SECOND} deltas/s)"
    )

    render_markdown(answer[:5000])  # warm caches (parser, lexers) before timing
    t0 = time.perf_counter()
    costs, stream = stream_costs(deltas)
    total = time.perf_counter() - t0
    head = statistics.median(costs[:tenth])
    tail = statistics.median(costs[-tenth:])
    print("incremental (append + amortised tail refresh):")
    print(f"  median per delta, first 10%: {head * 1e6:8.1f} us")
    print(f"  median per delta, last 10%:  {tail * 1e6:8.1f} us")
    print(f"  ratio last/first:            {tail / head:8.2f}  (target <= 1.5)")
    print(
        f"  whole stream: {total:.2f} s; scanned {stream.scanned_chars:,} chars "
        f"({stream.scanned_chars / len(answer):.2f} per input char)"
    )

    naive_head = statistics.median(naive_costs(deltas, first))
    naive_tail = statistics.median(naive_costs(deltas, last))
    print("naive (render_markdown of the whole text at each refresh):")
    print(f"  median per delta, first 10%: {naive_head * 1e6:8.1f} us")
    print(f"  median per delta, last 10%:  {naive_tail * 1e6:8.1f} us")
    print(f"  ratio last/first:            {naive_tail / naive_head:8.2f}")
    print(f"  naive/incremental, last 10%: {naive_tail / tail:8.1f}x")

    full = time_call(lambda: render_markdown(answer))
    print(f"render_markdown of the whole answer once: {full:.3f} s")

    print(f"pathological inputs (render_markdown, maxNesting={MAX_NESTING}):")
    for name, text in pathological_inputs().items():
        seconds = time_call(lambda text=text: render_markdown(text))
        print(f"  {name:<28} {len(text):>10,} chars  {seconds:7.3f} s")
    print(
        "pathological inputs shown from history in slices "
        f"(append all, take_new_stable_html(max_chars={SLICE_CHARS:,}) until done, finish()):"
    )
    for name, text in pathological_inputs().items():
        total, longest = sliced_render(text)
        print(f"  {name:<28} total {total:7.3f} s   longest slice {longest:7.3f} s")

    print("one long code block streamed (nothing is stable until the fence closes):")
    for size in (8_000, 20_000, 100_000):
        code = make_code_block(size)
        costs, _ = stream_costs(make_deltas(code))
        tenth = len(costs) // 10
        head, tail = statistics.median(costs[:tenth]), statistics.median(costs[-tenth:])
        print(
            f"  {size:>7,} chars: median per delta first 10% {head * 1e6:7.1f} us, "
            f"last 10% {tail * 1e6:7.1f} us (ratio {tail / head:.1f})"
        )


def sliced_render(text: str) -> tuple[float, float]:
    """Total time and longest single step when rendering ``text`` in slices."""
    steps = []
    t0 = time.perf_counter()
    stream = StreamingMarkdown()
    stream.append(text)
    steps.append(time.perf_counter() - t0)
    while stream.has_unrendered_blocks:
        t0 = time.perf_counter()
        stream.take_new_stable_html(max_chars=SLICE_CHARS)
        steps.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    stream.finish()
    steps.append(time.perf_counter() - t0)
    return sum(steps), max(steps)


def make_code_block(size: int) -> str:
    """A single fenced Python block of about ``size`` characters."""
    line = "    result = compute(value, factor=2)  # keep going\n"
    return "```python\ndef run(value):\n" + line * (size // len(line)) + "```\n"


if __name__ == "__main__":
    main()
