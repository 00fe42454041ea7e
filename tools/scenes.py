"""Realistic content for the README screenshots: what the fake server answers, in the wire format.

Every function returns the SSE event payloads of one interaction (``tests.fake_api.scenarios``
builders), so the app receives them exactly as it would from the real Interactions API.
"""

from __future__ import annotations

from typing import Any

from tests.fake_api import scenarios as s

Event = dict[str, Any]

MODEL = "gemini-3-flash-preview"
AGENT = "deep-research-preview-04-2026"

#: Earlier conversations, so the sidebar looks lived in: (prompt, answer).
EARLIER = (
    (
        "Plan three relaxed days in Lisbon in March",
        "**Day 1 — Alfama and Baixa.** Start at the Miradouro de Santa Luzia, walk down to the cathedral "
        "and have lunch in Baixa.\n\n**Day 2 — Belém.** Jerónimos Monastery in the morning, pastéis de "
        "nata, then the MAAT along the river.\n\n**Day 3 — Sintra.** Take the train from Rossio (40 min).",
    ),
    (
        "Explain the CAP theorem with one example per trade-off",
        "A distributed store can give at most two of **consistency**, **availability** and **partition "
        "tolerance** during a network partition. Since partitions happen, the real choice is C or A.",
    ),
    (
        "Regex for a UK postcode",
        "```regex\n^([A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})$\n```\n\nIt accepts `SW1A 1AA` and `M1 1AE`; "
        "it does not check that the district exists.",
    ),
)

CODE_PROMPT = "Write an async Python helper that retries an HTTP call with exponential backoff and jitter."

CODE_ANSWER = """\
Here is a small helper built on `httpx`. It retries on network errors and on the status codes \
that are worth retrying (429 and 5xx), waits longer each time, and adds *full jitter* so that \
many clients do not retry in lock-step:

```python
import asyncio
import random

import httpx

RETRY_STATUS = {429, 500, 502, 503, 504}


async def get_with_retry(client: httpx.AsyncClient, url: str, *, attempts: int = 5,
                         base: float = 0.5, cap: float = 20.0) -> httpx.Response:
    for attempt in range(attempts):
        try:
            response = await client.get(url)
            if response.status_code not in RETRY_STATUS:
                return response
        except httpx.TransportError:
            if attempt == attempts - 1:
                raise
        if attempt < attempts - 1:
            # Full jitter: a random wait between 0 and the exponential ceiling.
            await asyncio.sleep(random.uniform(0, min(cap, base * 2 ** attempt)))
    return response
```

A few notes:

- Honour `Retry-After` when the server sends one: it knows better than your formula.
- Only retry **idempotent** requests (GET, PUT, DELETE) unless the API gives you an idempotency key.
- `cap` bounds each wait when you raise `attempts`. With the defaults, the longest total wait is

$$\\sum_{k=0}^{3} 0.5 \\cdot 2^{k} = 7.5\\ \\text{s}$$
"""

TOOLS_PROMPT = "Is the free-threaded build of Python 3.14 still slower on single-threaded code? Check and measure."

TOOLS_THOUGHT = (
    "**Checking the release notes and measuring**\n\nI will look up what the Python 3.14 documentation "
    "says about the free-threaded build's single-threaded overhead, then time a small loop."
)

BENCH_CODE = """\
import sys, timeit
def work():
    total = 0
    for i in range(1_000_000):
        total += i * i
    return total
print(sys.version.split()[0], "GIL enabled:", sys._is_gil_enabled())
print(f"{min(timeit.repeat(work, number=1, repeat=5)) * 1000:.1f} ms")
"""

TOOLS_ANSWER = """\
Yes, but the gap has become small. The Python 3.14 documentation puts the single-threaded \
overhead of the free-threaded build at roughly 5–10 %, down from about 40 % in 3.13 now that \
the specializing adaptive interpreter is enabled in it. The overhead is \
$t_\\text{free-threaded} / t_\\text{GIL} - 1$; in the sandbox the loop above took **61.8 ms** with \
the GIL build, and the free-threaded build typically needs a few milliseconds more.

| build | single-threaded overhead | notes |
|---|---|---|
| 3.13t | ~40 % | specialization disabled |
| 3.14t | ~5–10 % | officially supported (PEP 779) |

If your workload is single-threaded, stay on the default build; pick `python3.14t` when \
threads can run CPU-bound work in parallel.
"""


def _span(text: str, part: str) -> tuple[int, int]:
    """UTF-8 byte offsets of ``part`` in ``text`` (the API counts bytes)."""
    start = text.index(part)
    return len(text[:start].encode()), len(text[: start + len(part)].encode())


def code_answer(interaction_id: str) -> list[Event]:
    """A Markdown answer with a Python code block, streamed in pieces."""
    pieces = [CODE_ANSWER[i : i + 160] for i in range(0, len(CODE_ANSWER), 160)]
    return s.plain_text(interaction_id, pieces, model=MODEL, usage=s.default_usage(420, input_tokens=36))


def tools_answer(interaction_id: str) -> list[Event]:
    """Google Search, URL context and code execution steps, then an answer citing its sources."""
    docs = "https://docs.python.org/3.14/howto/free-threading-python.html"
    whatsnew = "https://docs.python.org/3.14/whatsnew/3.14.html"
    pep = "https://peps.python.org/pep-0779/"
    tools = [
        s.tool_step(
            "google_search",
            "gs_1",
            {"queries": ["python 3.14 free-threaded single-threaded overhead", "PEP 779 free-threaded supported"]},
            [{"search_suggestions": '<div class="chips">python 3.14 free threading</div>'}],
        ),
        s.tool_step(
            "url_context",
            "uc_1",
            {"urls": [docs, whatsnew]},
            [{"url": docs, "status": "success"}, {"url": whatsnew, "status": "success"}],
        ),
        s.tool_step(
            "code_execution",
            "ce_1",
            {"language": "python", "code": BENCH_CODE},
            "3.14.0 GIL enabled: True\n61.8 ms\n",
            is_error=False,
        ),
    ]
    claim = "roughly 5–10 %, down from about 40 % in 3.13"
    supported = "officially supported (PEP 779)"
    c1, c2 = _span(TOOLS_ANSWER, claim)
    p1, p2 = _span(TOOLS_ANSWER, supported)
    annotations = [
        {
            "type": "url_citation",
            "url": docs,
            "title": "Python support for free threading",
            "start_index": c1,
            "end_index": c2,
        },
        {
            "type": "url_citation",
            "url": whatsnew,
            "title": "What's new in Python 3.14",
            "start_index": c1,
            "end_index": c2,
        },
        {
            "type": "url_citation",
            "url": pep,
            "title": "PEP 779 – Criteria for supported status",
            "start_index": p1,
            "end_index": p2,
        },
    ]
    pieces = [TOOLS_ANSWER[i : i + 120] for i in range(0, len(TOOLS_ANSWER), 120)]
    return s.tool_answer(
        interaction_id,
        tools,
        pieces,
        annotations,
        thought=TOOLS_THOUGHT,
        model=MODEL,
        usage={
            "total_input_tokens": 1840,
            "total_output_tokens": 310,
            "total_tool_use_tokens": 2600,
            "total_tokens": 4750,
        },
    )


FINISHED_TOPIC = "Heat pumps in cold climates: how well do they work below −15 °C, and what do they cost to run?"

FINISHED_REPORT = """\
# Heat pumps in cold climates

## Summary

Modern cold-climate air-source heat pumps keep working well below −15 °C. Field studies in \
Canada, Scandinavia and the northern United States measured seasonal efficiencies (SCOP) of \
2.5 to 3.2, and a coefficient of performance of about 1.5 to 2 on the coldest days. Running \
costs depend mostly on the ratio between electricity and gas prices.

## Findings

| outdoor temperature | typical COP | capacity kept |
|---|---|---|
| +7 °C | 3.5–4.5 | 100 % |
| −15 °C | 1.8–2.4 | 70–90 % |
| −25 °C | 1.3–1.8 | 50–75 % |

1. **Efficiency.** Units certified for cold climates keep a COP above 1.5 down to −25 °C.
2. **Sizing matters.** Undersized units fall back on resistance heating, which costs the most.
3. **Running cost.** With electricity at 3 to 3.5 times the price of gas, a heat pump with a \
SCOP of 3 costs about the same to run as a condensing gas boiler.

## Sources

1. [Natural Resources Canada: cold-climate air-source heat pumps](https://natural-resources.canada.ca/)
2. [NEEP cold-climate heat pump specification](https://neep.org/heating-electrification)
3. [IEA: The Future of Heat Pumps](https://www.iea.org/reports/the-future-of-heat-pumps)
"""

RUNNING_TOPIC = "Compare solid-state and lithium-ion batteries for electric cars: energy density, cost, timelines."


def _thought(index: int, text: str) -> list[Event]:
    return [
        s.step_start(index, {"type": "thought"}),
        s.step_delta(index, {"type": "thought_summary", "content": {"type": "text", "text": text}}),
        s.step_stop(index),
    ]


def _search(index: int, call_id: str, queries: list[str]) -> list[Event]:
    return [
        s.step_start(
            index,
            {
                "type": "google_search_call",
                "id": call_id,
                "arguments": {"queries": queries},
                "search_type": "web_search",
            },
        ),
        s.step_stop(index),
        s.step_start(index + 1, {"type": "google_search_result", "call_id": call_id, "result": []}),
        s.step_delta(index + 1, {"type": "google_search_result", "result": [{"search_suggestions": "<div></div>"}]}),
        s.step_stop(index + 1),
    ]


def _read(index: int, call_id: str, urls: list[str]) -> list[Event]:
    return [
        s.step_start(index, {"type": "url_context_call", "id": call_id, "arguments": {"urls": urls}}),
        s.step_stop(index),
        s.step_start(index + 1, {"type": "url_context_result", "call_id": call_id, "result": []}),
        s.step_delta(
            index + 1, {"type": "url_context_result", "result": [{"url": u, "status": "success"} for u in urls]}
        ),
        s.step_stop(index + 1),
    ]


def finished_research(interaction_id: str) -> list[Event]:
    """A whole Deep Research run: plan, searches, pages read, a Markdown report with citations."""
    claim = "seasonal efficiencies (SCOP) of 2.5 to 3.2"
    start, end = _span(FINISHED_REPORT, claim)
    sources = [
        ("https://natural-resources.canada.ca/", "Natural Resources Canada"),
        ("https://neep.org/heating-electrification", "NEEP cold-climate specification"),
    ]
    annotations = [
        {"type": "url_citation", "url": u, "title": t, "start_index": start, "end_index": end} for u, t in sources
    ]
    events: list[Event] = [s.created(interaction_id, agent=AGENT), s.status_update(interaction_id)]
    events += _thought(
        0,
        "**Planning the research**\n\nI will look for field studies of cold-climate heat pumps "
        "and for running-cost comparisons with gas boilers.",
    )
    events += _search(
        1, "gs_1", ["cold climate heat pump field study COP -15 C", "heat pump vs gas boiler running cost"]
    )
    events += _read(3, "uc_1", [u for u, _ in sources])
    events += _thought(5, "**Comparing the studies**\n\nThe Canadian and NEEP data agree on COP at −15 °C.")
    pieces = [FINISHED_REPORT[i : i + 400] for i in range(0, len(FINISHED_REPORT), 400)]
    events += [
        s.step_start(6, {"type": "model_output"}),
        *[s.text_delta(6, p) for p in pieces],
        s.step_delta(6, {"type": "text_annotation_delta", "annotations": annotations}),
        s.step_stop(6),
        s.completed(
            interaction_id,
            usage={
                "total_input_tokens": 182_000,
                "total_output_tokens": 6_400,
                "total_thought_tokens": 21_000,
                "total_tokens": 209_400,
                "grounding_tool_count": [{"type": "google_search", "count": 14}],
            },
        ),
    ]
    return events


RUNNING_REPORT = """\
# Solid-state vs lithium-ion batteries for electric cars

## Summary

Solid-state cells promise 350–500 Wh/kg at the cell level against 250–300 Wh/kg for today's \
best lithium-ion (NMC) cells, faster charging and no flammable liquid electrolyte. In 2026 they \
are still made in pilot lines: costs per kWh are several times those of lithium-ion, and the \
carmakers' dates for small-series production range from 2027 to 2030.

## Energy density

| chemistry | cell level (Wh/kg) | status in 2026 |
|---|---|---|
| LFP (lithium iron phosphate) | 160–205 | mass production |
| NMC 811 | 250–300 | mass production |
| Sulfide solid-state | 350–450 | pilot lines, A-samples |
| Oxide solid-state | 300–400 | pilot lines |

## Cost

Published estimates put pilot-line solid-state cells at"""


def running_research(interaction_id: str) -> list[Event]:
    """A Deep Research run that has searched, read, and is writing its report (the end never arrives here).

    Release all but the last ``RUNNING_HELD_BACK`` events to show it mid-report.
    """
    events: list[Event] = [s.created(interaction_id, agent=AGENT), s.status_update(interaction_id)]
    events += _thought(
        0,
        "**Planning the research**\n\nI will compare published energy densities, cell costs "
        "per kWh and the carmakers' announced production dates.",
    )
    events += _search(1, "gs_1", ["solid-state battery energy density Wh/kg 2026", "solid-state battery cost per kWh"])
    events += _read(
        3, "uc_1", ["https://www.iea.org/reports/global-ev-outlook-2025", "https://www.nature.com/subjects/batteries"]
    )
    events += _thought(
        5,
        "**Reading the carmakers' announcements**\n\nToyota, Nissan and BMW give different "
        "dates for small-series production; I will check each.",
    )
    events += _search(6, "gs_2", ["Toyota solid-state battery production date", "QuantumScape QSE-5 samples"])
    events += _read(8, "uc_2", ["https://global.toyota/en/newsroom/", "https://www.quantumscape.com/"])
    events += _thought(10, "**Writing the report**\n\nThe sources agree on density; costs differ widely.")
    pieces = [RUNNING_REPORT[i : i + 200] for i in range(0, len(RUNNING_REPORT), 200)]
    events += [s.step_start(11, {"type": "model_output"}), *[s.text_delta(11, p) for p in pieces]]
    events += [s.text_delta(11, " $300–800 per kWh ..."), s.step_stop(11)]
    events += [s.completed(interaction_id, usage=s.default_usage(10))]
    return events


#: How many events of ``running_research`` the screenshot holds back (the end of the report and the end).
RUNNING_HELD_BACK = 3
#: Timeline lines the Research tab shows once the released events have arrived.
RUNNING_TIMELINE_LINES = 12


QUICK_PROMPT = "git merge or git rebase for a feature branch?"
QUICK_ANSWER = """\
Both bring your branch up to date with `main`; they differ in the history they leave.

- **`git merge main`** keeps every commit as it happened and adds a merge commit. Safe on \
branches others have pulled.
- **`git rebase main`** replays your commits on top of `main`: a straight history, but the \
commits get new ids, so only rebase a branch nobody else uses.

A common rule: rebase your own work-in-progress branch, then merge it into `main`:

```sh
git switch feature && git rebase main
git switch main && git merge --no-ff feature
```
"""


def quick_answer(interaction_id: str) -> list[Event]:
    """A short answer for the quick-ask window."""
    pieces = [QUICK_ANSWER[i : i + 90] for i in range(0, len(QUICK_ANSWER), 90)]
    return s.plain_text(interaction_id, pieces, model=MODEL)


# -- function calling: two local tools asked for at once, one allowed and one denied --------------
TOOL_LOOP_PROMPT = "What time is it here, and open the Python 3.14 release notes for me?"
TOOL_LOOP_CALLS = (
    ("call_time", "current_time", ("{}",)),
    ("call_link", "open_link", ('{"url": "https://docs.python.org/', '3.14/whatsnew/3.14.html"}')),
)
TOOL_LOOP_ANSWER = """It is **{time}** on this computer.

I did not open the release notes: you declined that call. The page is
<https://docs.python.org/3.14/whatsnew/3.14.html> if you want to read it later; the highlights are
the free-threaded build becoming officially supported, template strings (PEP 750) and deferred
evaluation of annotations (PEP 649).
"""


def tool_loop_calls(interaction_id: str) -> list[Event]:
    """The model asks for the time and for a link to be opened (two parallel function calls)."""
    calls = [(call_id, name, list(fragments)) for call_id, name, fragments in TOOL_LOOP_CALLS]
    return s.parallel_function_calls(interaction_id, calls, model=MODEL)


def tool_loop_answer(interaction_id: str, time: str) -> list[Event]:
    """The answer after the results (``time``: what the Current time tool gave, ``HH:MM``): one allowed, one denied."""
    text = TOOL_LOOP_ANSWER.format(time=time)
    pieces = [text[i : i + 120] for i in range(0, len(text), 120)]
    return s.plain_text(interaction_id, pieces, model=MODEL, usage=s.default_usage(180, input_tokens=240))
