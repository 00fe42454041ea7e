"""Event sequences in the current (SDK 3.6.1) wire format, spec §3.3/§3.4, as plain dicts.

Each function returns the list of SSE event payloads for one interaction; wrap it in
``Stream(...)`` or ``BackgroundRun(...)``. The small builders (``created``, ``step_delta``...) are
public so tests can compose unusual sequences.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from typing import Any

Event = dict[str, Any]
DEFAULT_MODEL = "gemini-3-flash-preview"
DEFAULT_AGENT = "deep-research-preview-04-2026"


# -- builders ----------------------------------------------------------------------------------
def created(
    interaction_id: str, *, model: str | None = None, agent: str | None = None, status: str = "in_progress"
) -> Event:
    """``interaction.created``."""
    interaction: dict[str, Any] = {"id": interaction_id, "status": status, "object": "interaction"}
    if agent:
        interaction["agent"] = agent
    elif model:
        interaction["model"] = model
    return {"event_type": "interaction.created", "interaction": interaction}


def status_update(interaction_id: str, status: str = "in_progress", *, continuation_token: str | None = None) -> Event:
    """``interaction.status_update`` (a ``continuation_token`` marks a resumable checkpoint, spec §3.6)."""
    event: Event = {"event_type": "interaction.status_update", "interaction_id": interaction_id, "status": status}
    if continuation_token:
        event["continuation_token"] = continuation_token
    return event


def step_start(index: int, step: dict[str, Any]) -> Event:
    """``step.start`` with the step's type and initial fields."""
    return {"event_type": "step.start", "index": index, "step": step}


def step_delta(index: int, delta: dict[str, Any]) -> Event:
    """``step.delta``."""
    return {"event_type": "step.delta", "index": index, "delta": delta}


def step_stop(index: int) -> Event:
    """``step.stop``."""
    return {"event_type": "step.stop", "index": index}


def text_delta(index: int, text: str) -> Event:
    """A ``text`` delta."""
    return step_delta(index, {"type": "text", "text": text})


def completed(
    interaction_id: str,
    status: str = "completed",
    usage: dict[str, Any] | None = None,
    *,
    errors: Sequence[dict[str, Any]] | None = None,
    continuation_token: str | None = None,
) -> Event:
    """``interaction.completed`` (no steps, as the real server sends it); ``errors`` are its diagnostics."""
    interaction: dict[str, Any] = {"id": interaction_id, "status": status, "object": "interaction"}
    if usage is not None:
        interaction["usage"] = usage
    if errors:
        interaction["errors"] = [dict(e) for e in errors]
    if continuation_token:
        interaction["continuation_token"] = continuation_token
    return {"event_type": "interaction.completed", "interaction": interaction}


def error_event(code: str = "internal", message: str = "Internal error.") -> Event:
    """A mid-stream ``error`` frame (yielded by the SDK, not raised)."""
    return {"event_type": "error", "error": {"code": code, "message": message}}


def default_usage(output_tokens: int = 3, input_tokens: int = 5, thought_tokens: int = 0) -> dict[str, Any]:
    """A plausible ``usage`` object."""
    usage = {
        "total_input_tokens": input_tokens,
        "total_output_tokens": output_tokens,
        "total_tokens": input_tokens + output_tokens + thought_tokens,
    }
    if thought_tokens:
        usage["total_thought_tokens"] = thought_tokens
    return usage


def _text_step(index: int, chunks: Sequence[str]) -> list[Event]:
    return [step_start(index, {"type": "model_output"}), *[text_delta(index, c) for c in chunks], step_stop(index)]


# -- scenarios ---------------------------------------------------------------------------------
def plain_text(
    interaction_id: str,
    chunks: Sequence[str] = ("Hello", ", world"),
    *,
    model: str = DEFAULT_MODEL,
    usage: dict[str, Any] | None = None,
) -> list[Event]:
    """A plain streamed answer: created, status_update, one model_output step, completed."""
    return [
        created(interaction_id, model=model),
        status_update(interaction_id),
        *_text_step(0, chunks),
        completed(interaction_id, usage=usage or default_usage(output_tokens=len(chunks))),
    ]


def thoughts_and_text(
    interaction_id: str,
    thoughts: Sequence[str] = ("**Considering the question**\n\nThe user wants...",),
    chunks: Sequence[str] = ("The answer ", "is 42."),
    *,
    signature: str = "EvEFCu4F",
    model: str = DEFAULT_MODEL,
    usage: dict[str, Any] | None = None,
) -> list[Event]:
    """A thought step (summary deltas + signature) followed by a text answer."""
    thought = [
        step_start(0, {"type": "thought"}),
        *[step_delta(0, {"type": "thought_summary", "content": {"type": "text", "text": t}}) for t in thoughts],
        step_delta(0, {"type": "thought_signature", "signature": signature}),
        step_stop(0),
    ]
    return [
        created(interaction_id, model=model),
        *thought,
        *_text_step(1, chunks),
        completed(interaction_id, usage=usage or default_usage(len(chunks), thought_tokens=150)),
    ]


def function_call(
    interaction_id: str,
    call_id: str = "call_1",
    name: str = "get_weather",
    arguments_fragments: Sequence[str] = ('{"city": "Par', 'is"}'),
    *,
    status: str = "requires_action",
    signature: str = "EpoGCpcG",
    model: str = DEFAULT_MODEL,
    usage: dict[str, Any] | None = None,
) -> list[Event]:
    """A thought signature then one function_call whose arguments stream as string fragments.

    ``status="completed"`` reproduces the live server leaving the call pending while saying completed.
    """
    return parallel_function_calls(
        interaction_id,
        [(call_id, name, arguments_fragments)],
        status=status,
        signature=signature,
        model=model,
        usage=usage,
    )


def parallel_function_calls(
    interaction_id: str,
    calls: Sequence[tuple[str, str, Sequence[str]]],
    *,
    status: str = "requires_action",
    signature: str = "EpoGCpcG",
    model: str = DEFAULT_MODEL,
    usage: dict[str, Any] | None = None,
) -> list[Event]:
    """One thought (with the signature) followed by N function_call steps ``(call_id, name, fragments)``."""
    events = [
        created(interaction_id, model=model),
        step_start(0, {"type": "thought"}),
        step_delta(0, {"type": "thought_signature", "signature": signature}),
        step_stop(0),
    ]
    for index, (call_id, name, fragments) in enumerate(calls, start=1):
        events.append(step_start(index, {"type": "function_call", "id": call_id, "name": name, "arguments": {}}))
        events.extend(step_delta(index, {"type": "arguments_delta", "arguments": f}) for f in fragments)
        events.append(step_stop(index))
    events.append(completed(interaction_id, status=status, usage=usage or {"total_tokens": 60}))
    return events


def image(
    interaction_id: str,
    png_bytes: bytes,
    text: str | None = "Here is your image: ",
    *,
    mime_type: str = "image/png",
    model: str = "gemini-3.1-flash-image",
    usage: dict[str, Any] | None = None,
) -> list[Event]:
    """An optional text delta then one inline image delta (base64 ``data``)."""
    deltas = [text_delta(0, text)] if text else []
    deltas.append(
        step_delta(0, {"type": "image", "mime_type": mime_type, "data": base64.b64encode(png_bytes).decode("ascii")})
    )
    usage = usage or {"total_tokens": 1300, "output_tokens_by_modality": [{"modality": "image", "tokens": 1290}]}
    return [
        created(interaction_id, model=model),
        step_start(0, {"type": "model_output"}),
        *deltas,
        step_stop(0),
        completed(interaction_id, usage=usage),
    ]


def _cited_answer(index: int, answer: str, citations: Sequence[dict[str, Any]]) -> list[Event]:
    """A text step whose annotations cite the whole answer (or each citation's given span)."""
    annotations = []
    for citation in citations:
        annotation = {
            "type": "url_citation",
            "url": citation["url"],
            "title": citation.get("title", ""),
            "start_index": citation.get("start_index", 0),
            "end_index": citation.get("end_index", len(answer)),
        }
        annotations.append(annotation)
    events = [step_start(index, {"type": "model_output"}), text_delta(index, answer)]
    if annotations:
        events.append(step_delta(index, {"type": "text_annotation_delta", "annotations": annotations}))
    events.append(step_stop(index))
    return events


def google_search(
    interaction_id: str,
    queries: Sequence[str] = ("euro 2024 winner",),
    answer: str = "Spain won Euro 2024.",
    citations: Sequence[dict[str, Any]] = ({"url": "https://uefa.com/euro2024", "title": "uefa.com"},),
    *,
    call_id: str = "gs_1",
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """google_search_call, google_search_result (suggestion chips), a text answer with url_citation."""
    return [
        created(interaction_id, model=model),
        step_start(
            0,
            {
                "type": "google_search_call",
                "id": call_id,
                "arguments": {"queries": list(queries)},
                "search_type": "web_search",
            },
        ),
        step_stop(0),
        step_start(1, {"type": "google_search_result", "call_id": call_id, "result": []}),
        step_delta(
            1,
            {"type": "google_search_result", "result": [{"search_suggestions": "<div class=chips>suggestions</div>"}]},
        ),
        step_stop(1),
        *_cited_answer(2, answer, citations),
        completed(
            interaction_id, usage={"total_tokens": 90, "grounding_tool_count": [{"type": "google_search", "count": 1}]}
        ),
    ]


def code_execution(
    interaction_id: str,
    code: str = "print(1 + 1)",
    output: str = "2\n",
    answer: str = "The result is 2.",
    *,
    language: str = "python",
    call_id: str = "ce_1",
    is_error: bool = False,
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """code_execution_call (code in the start step), code_execution_result (delta), text answer."""
    return [
        created(interaction_id, model=model),
        step_start(
            0, {"type": "code_execution_call", "id": call_id, "arguments": {"language": language, "code": code}}
        ),
        step_stop(0),
        step_start(1, {"type": "code_execution_result", "call_id": call_id, "result": ""}),
        step_delta(1, {"type": "code_execution_result", "result": output, "is_error": is_error}),
        step_stop(1),
        *_text_step(2, [answer]),
        completed(interaction_id, usage=default_usage(10)),
    ]


def url_context(
    interaction_id: str,
    urls: Sequence[str] = ("https://example.com",),
    answer: str = "The page says hello.",
    *,
    call_id: str = "uc_1",
    status: str = "success",
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """url_context_call, url_context_result with one status per url, a cited text answer."""
    results = [{"url": u, "status": status} for u in urls]
    return [
        created(interaction_id, model=model),
        step_start(0, {"type": "url_context_call", "id": call_id, "arguments": {"urls": list(urls)}}),
        step_stop(0),
        step_start(1, {"type": "url_context_result", "call_id": call_id, "result": []}),
        step_delta(1, {"type": "url_context_result", "result": results}),
        step_stop(1),
        *_cited_answer(2, answer, [{"url": u, "title": u} for u in urls]),
        completed(interaction_id, usage=default_usage(12)),
    ]


def deep_research(
    interaction_id: str,
    topic: str = "solid-state batteries",
    *,
    queries: Sequence[str] = ("solid-state battery 2026", "solid-state battery energy density"),
    urls: Sequence[str] = ("https://example.org/batteries", "https://example.net/review"),
    thoughts: Sequence[str] = (
        "**Planning the research**\n\nI will search the web.",
        "**Reading sources**\n\nTwo reviews look relevant.",
    ),
    agent: str = DEFAULT_AGENT,
    report_chunks: int = 3,
) -> list[Event]:
    """A Deep Research run: thoughts, searches, pages read, a Markdown report with url_citations."""
    sources = "\n".join(f"{n}. [{u}]({u})" for n, u in enumerate(urls, start=1))
    claim = f"{topic.capitalize()} are improving quickly."
    report = f"# Report: {topic}\n\n## Summary\n\n{claim}\n\n## Sources\n\n{sources}\n"
    start = report.index(claim)
    pieces = _split(report, report_chunks)
    events: list[Event] = [
        created(interaction_id, agent=agent),
        status_update(interaction_id),
        step_start(0, {"type": "thought"}),
        step_delta(0, {"type": "thought_summary", "content": {"type": "text", "text": thoughts[0]}}),
        step_stop(0),
        step_start(
            1,
            {
                "type": "google_search_call",
                "id": "gs_1",
                "arguments": {"queries": list(queries)},
                "search_type": "web_search",
            },
        ),
        step_stop(1),
        step_start(2, {"type": "google_search_result", "call_id": "gs_1", "result": []}),
        step_delta(2, {"type": "google_search_result", "result": [{"search_suggestions": "<div>results</div>"}]}),
        step_stop(2),
        step_start(3, {"type": "url_context_call", "id": "uc_1", "arguments": {"urls": list(urls)}}),
        step_stop(3),
        step_start(4, {"type": "url_context_result", "call_id": "uc_1", "result": []}),
        step_delta(4, {"type": "url_context_result", "result": [{"url": u, "status": "success"} for u in urls]}),
        step_stop(4),
    ]
    for thought in thoughts[1:]:
        events += [
            step_start(5, {"type": "thought"}),
            step_delta(5, {"type": "thought_summary", "content": {"type": "text", "text": thought}}),
            step_stop(5),
        ]
    out = 6 if len(thoughts) > 1 else 5
    annotations = [
        {"type": "url_citation", "url": u, "title": u, "start_index": start, "end_index": start + len(claim)}
        for u in urls
    ]
    events += [
        step_start(out, {"type": "model_output"}),
        *[text_delta(out, p) for p in pieces],
        step_delta(out, {"type": "text_annotation_delta", "annotations": annotations}),
        step_stop(out),
        completed(
            interaction_id,
            usage={
                "total_input_tokens": 5000,
                "total_output_tokens": 800,
                "total_thought_tokens": 1200,
                "total_tokens": 7000,
                "grounding_tool_count": [{"type": "google_search", "count": len(queries)}],
            },
        ),
    ]
    return events


def many_deltas(interaction_id: str, n: int, text: str = "word ", *, model: str = DEFAULT_MODEL) -> list[Event]:
    """A plain answer made of ``n`` text deltas (throughput and coalescing tests)."""
    return plain_text(interaction_id, [text] * n, model=model, usage=default_usage(output_tokens=n))


def error_midstream(
    interaction_id: str,
    chunks: Sequence[str] = ("Partial ", "answer"),
    *,
    code: str = "internal",
    message: str = "The model failed mid-stream.",
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """Some text, then an ``error`` frame; the stream then ends without ``interaction.completed``."""
    return [
        created(interaction_id, model=model),
        step_start(0, {"type": "model_output"}),
        *[text_delta(0, c) for c in chunks],
        error_event(code, message),
    ]


def incomplete(
    interaction_id: str, chunks: Sequence[str] = ("Partial ", "answer"), *, model: str = DEFAULT_MODEL
) -> list[Event]:
    """Text that stops before ``step.stop`` and ``interaction.completed`` (use with end_without_done)."""
    return [
        created(interaction_id, model=model),
        step_start(0, {"type": "model_output"}),
        *[text_delta(0, c) for c in chunks],
    ]


def _split(text: str, parts: int) -> list[str]:
    """``text`` cut into ``parts`` roughly equal pieces (none empty)."""
    parts = max(1, min(parts, len(text)))
    size = -(-len(text) // parts)
    return [text[i : i + size] for i in range(0, len(text), size)]


# -- endings other than "completed" ------------------------------------------------------------
def ended(
    interaction_id: str,
    chunks: Sequence[str] = ("Partial ", "answer"),
    status: str = "incomplete",
    *,
    errors: Sequence[dict[str, Any]] | None = None,
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """A text answer whose ``interaction.completed`` carries ``status`` (``incomplete`` = cut off at the
    output limit, ``failed`` with ``errors``, ``cancelled``, ``budget_exceeded``, ``idle``)."""
    return [
        created(interaction_id, model=model),
        *_text_step(0, chunks),
        completed(interaction_id, status, default_usage(output_tokens=len(chunks)), errors=errors),
    ]


def bare_error_line(code: str = "prohibited_content", message: str | None = "The response was blocked.") -> bytes:
    """A JSON error line inside an SSE body that is no SSE field (seen on blocked answers)."""
    error: dict[str, Any] = {"code": code}
    if message is not None:
        error["message"] = message
    return json.dumps({"error": error}).encode() + b"\n\n"


def refused(interaction_id: str, *, model: str = DEFAULT_MODEL) -> list[Event]:
    """The frames of a blocked answer: created and a status update, then nothing (no completion).

    Serve it with ``Stream(..., stored=False, raw_frames={2: bare_error_line()})`` for the bare
    JSON error line, or without ``raw_frames`` for a stream that just stops.
    """
    return [created(interaction_id, model=model), status_update(interaction_id)]


def image_uri(
    interaction_id: str, uri: str, *, mime_type: str = "image/png", text: str | None = "Here it is: "
) -> list[Event]:
    """An image output given as a ``uri`` without ``data``."""
    events: list[Event] = [
        created(interaction_id, model="gemini-3.1-flash-image"),
        step_start(0, {"type": "model_output"}),
    ]
    if text:
        events.append(text_delta(0, text))
    events += [
        step_delta(0, {"type": "image", "mime_type": mime_type, "uri": uri}),
        step_stop(0),
        completed(interaction_id, usage=default_usage(output_tokens=1290)),
    ]
    return events


def continuation_hop(
    interaction_id: str,
    before: Sequence[str] = ("First part, ",),
    after: Sequence[str] = ("second part.",),
    *,
    token: str = "tok_1",
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """One hop with a resumable checkpoint (a ``status_update`` carrying ``continuation_token``) in the
    middle of the answer: drop the connection after ``len(before) + 3`` frames and the SDK raises
    ``ContinuationInterruptedError`` (output was yielded since the checkpoint, spec §3.6)."""
    return [
        created(interaction_id, model=model),
        step_start(0, {"type": "model_output"}),
        status_update(interaction_id, continuation_token=token),
        *[text_delta(0, c) for c in before],
        *[text_delta(0, c) for c in after],
        step_stop(0),
        completed(interaction_id, usage=default_usage(output_tokens=len(before) + len(after))),
    ]


# -- tool steps (issue 9: every built-in tool step type, streamed or unary) -----------------------
def tool_step(
    tool: str,
    call_id: str,
    arguments: dict[str, Any] | None = None,
    result: Any = None,
    *,
    is_error: bool | None = None,
    name: str | None = None,
    server_name: str | None = None,
) -> dict[str, Any]:
    """One tool call and its result, for ``tool_answer`` (``tool`` is the step type prefix)."""
    return {
        "tool": tool,
        "call_id": call_id,
        "arguments": arguments,
        "result": result,
        "is_error": is_error,
        "name": name,
        "server_name": server_name,
    }


def _tool_events(index: int, spec: dict[str, Any], via_deltas: bool) -> list[Event]:
    """A call step then a result step; with ``via_deltas`` the payloads arrive as ``*_call``/``*_result`` deltas."""
    tool = spec["tool"]
    named = {k: spec[k] for k in ("name", "server_name") if spec.get(k)}
    call: dict[str, Any] = {"type": f"{tool}_call", "id": spec["call_id"], **named}
    call_payload: dict[str, Any] = {}
    if spec.get("arguments") is not None:
        call_payload["arguments"] = spec["arguments"]
    result: dict[str, Any] = {"type": f"{tool}_result", "call_id": spec["call_id"], **named}
    result_payload: dict[str, Any] = {}
    if spec.get("result") is not None:
        result_payload["result"] = spec["result"]
    if spec.get("is_error") is not None:
        result_payload["is_error"] = spec["is_error"]
    events: list[Event] = []
    if via_deltas:
        empty = [] if isinstance(spec.get("result"), list) else None
        start_result = dict(result, **({"result": empty} if empty is not None else {}))
        events.append(step_start(index, call))
        if call_payload:
            events.append(step_delta(index, {"type": f"{tool}_call", **named, **call_payload}))
        events.append(step_stop(index))
        events.append(step_start(index + 1, start_result))
        if result_payload:
            events.append(step_delta(index + 1, {"type": f"{tool}_result", **named, **result_payload}))
        events.append(step_stop(index + 1))
    else:
        events += [step_start(index, {**call, **call_payload}), step_stop(index)]
        events += [step_start(index + 1, {**result, **result_payload}), step_stop(index + 1)]
    return events


def tool_answer(
    interaction_id: str,
    tools: Sequence[dict[str, Any]],
    answer: str | Sequence[str] = "Done.",
    annotations: Sequence[dict[str, Any]] = (),
    *,
    via_deltas: bool = True,
    thought: str | None = None,
    model: str = DEFAULT_MODEL,
    usage: dict[str, Any] | None = None,
    status: str = "completed",
    continuation_token: str | None = None,
) -> list[Event]:
    """An answer made of tool steps (``tool_step`` specs), then text with ``annotations`` (any type).

    ``answer`` may be a list of text deltas; the annotations arrive in one ``text_annotation_delta``.
    """
    events: list[Event] = [created(interaction_id, model=model), status_update(interaction_id)]
    index = 0
    if thought:
        events += [
            step_start(0, {"type": "thought"}),
            step_delta(0, {"type": "thought_summary", "content": {"type": "text", "text": thought}}),
            step_delta(0, {"type": "thought_signature", "signature": "EvEFtool"}),
            step_stop(0),
        ]
        index = 1
    for spec in tools:
        events += _tool_events(index, spec, via_deltas)
        index += 2
    chunks = [answer] if isinstance(answer, str) else list(answer)
    if any(chunks):
        events += [step_start(index, {"type": "model_output"}), *[text_delta(index, c) for c in chunks if c]]
        if annotations:
            events.append(step_delta(index, {"type": "text_annotation_delta", "annotations": list(annotations)}))
        events.append(step_stop(index))
    done = completed(interaction_id, status=status, usage=usage or default_usage(20, input_tokens=10))
    if continuation_token:
        done["interaction"]["continuation_token"] = continuation_token
    events.append(done)
    return events


def _span(text: str, part: str) -> tuple[int, int]:
    """UTF-8 byte offsets of ``part`` in ``text`` (the API measures annotations in bytes)."""
    start = text.index(part)
    return len(text[:start].encode()), len(text[: start + len(part)].encode())


ALL_TOOLS_ANSWER = (
    "Spain won Euro 2024. The sum is 2. Café Central is open. The report says revenue grew. The page says hello."
)


def all_tool_steps() -> list[dict[str, Any]]:
    """One call/result pair of every built-in tool step type of the wire reference."""
    return [
        tool_step(
            "google_search",
            "gs_1",
            {"queries": ["euro 2024 winner"]},
            [
                {
                    "search_suggestions": '<div class="chips">'
                    '<a href="https://www.google.com/search?q=euro+2024">euro 2024</a>'
                    '<script>alert(1)</script><img src="https://tracker.example/p.png"></div>'
                }
            ],
        ),
        tool_step(
            "url_context",
            "uc_1",
            {"urls": ["https://example.com", "https://paywalled.example"]},
            [
                {"url": "https://example.com", "status": "success"},
                {"url": "https://paywalled.example", "status": "paywall"},
            ],
        ),
        tool_step("code_execution", "ce_1", {"language": "python", "code": "print(1 + 1)"}, "2\n", is_error=False),
        tool_step(
            "code_execution",
            "ce_2",
            {"language": "python", "code": "1 / 0"},
            "ZeroDivisionError: division by zero",
            is_error=True,
        ),
        tool_step(
            "google_maps",
            "gm_1",
            {"queries": ["cafe vienna"]},
            [{"places": [{"name": "Café Central", "place_id": "pl_1", "url": "https://maps.google.com/?cid=1"}]}],
        ),
        tool_step(
            "file_search", "fs_1", None, [{"file_name": "report.pdf", "page_number": 3, "text": "Revenue grew 12 %."}]
        ),
        tool_step(
            "mcp_server_tool", "mcp_1", {"q": "x"}, "answer from deepwiki", name="ask_question", server_name="deepwiki"
        ),
    ]


def all_annotations(text: str = ALL_TOOLS_ANSWER) -> list[dict[str, Any]]:
    """One annotation of every citation type (two sharing a span), with byte offsets into ``text``."""
    s1, e1 = _span(text, "Spain won Euro 2024.")
    s2, e2 = _span(text, "Café Central is open.")
    s3, e3 = _span(text, "The report says revenue grew.")
    s4, e4 = _span(text, "The page says hello.")
    return [
        {
            "type": "url_citation",
            "url": "https://uefa.com/euro2024",
            "title": "UEFA Euro 2024 final",
            "start_index": s1,
            "end_index": e1,
        },
        {
            "type": "url_citation",
            "url": "https://www.bbc.co.uk/sport",
            "title": "BBC Sport report",
            "start_index": s1,
            "end_index": e1,
        },
        {
            "type": "place_citation",
            "name": "Café Central",
            "place_id": "pl_1",
            "url": "https://maps.google.com/?cid=1",
            "start_index": s2,
            "end_index": e2,
        },
        {
            "type": "file_citation",
            "file_name": "report.pdf",
            "document_uri": "fileSearchStores/s/documents/d",
            "page_number": 3,
            "start_index": s3,
            "end_index": e3,
        },
        {
            "type": "url_citation",
            "url": "https://example.com",
            "title": "Example Domain",
            "start_index": s4,
            "end_index": e4,
        },
    ]


def every_tool(interaction_id: str, *, via_deltas: bool = True, model: str = DEFAULT_MODEL) -> list[Event]:
    """Every tool step type and every citation type in one streamed answer."""
    return tool_answer(
        interaction_id,
        all_tool_steps(),
        ALL_TOOLS_ANSWER,
        all_annotations(),
        via_deltas=via_deltas,
        thought="**Planning** I will use every tool.",
        model=model,
        usage={"total_input_tokens": 40, "total_output_tokens": 30, "total_tool_use_tokens": 25, "total_tokens": 95},
    )


def mcp_server_tool(
    interaction_id: str,
    server_name: str = "deepwiki",
    tool: str = "ask_question",
    arguments: dict[str, Any] | None = None,
    result: Any = "The repo is a desktop app.",
    answer: str = "It is a desktop app.",
    *,
    call_id: str = "mcp_1",
    model: str = DEFAULT_MODEL,
) -> list[Event]:
    """A remote MCP server tool run by the API: ``mcp_server_tool_call`` / ``_result`` (names in both), then text."""
    return [
        created(interaction_id, model=model),
        step_start(
            0,
            {
                "type": "mcp_server_tool_call",
                "id": call_id,
                "name": tool,
                "server_name": server_name,
                "arguments": dict(arguments or {"question": "What is it?"}),
            },
        ),
        step_stop(0),
        step_start(1, {"type": "mcp_server_tool_result", "call_id": call_id, "name": tool, "server_name": server_name}),
        step_delta(1, {"type": "mcp_server_tool_result", "result": result}),
        step_stop(1),
        *_text_step(2, [answer]),
        completed(interaction_id, usage=default_usage(12)),
    ]
