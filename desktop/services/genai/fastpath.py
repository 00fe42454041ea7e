"""Guarded speed-ups of the SDK's event decoding.

google-genai 3.6 has three hot spots on the streaming path, all replaced here by code that gives
identical results (``tests/unit/services/genai/test_fastpath.py`` proves it on every event kind and framing):

- it rebuilds a pydantic model (``create_model("Unmarshaller", ...)``) for every SSE event, ~90 %
  of its ~2 ms per event: the model is cached per target type (6-7x faster);
- it finds SSE frame boundaries with a Python loop over every byte (~0.65 s per MB, so a 4 MB
  generated image took seconds to arrive): a compiled pattern finds the same boundaries;
- it splits each frame into lines with ``re.split``, which holds the GIL for ~50 ms on a 4 MB
  frame and so stalls the GUI thread even though the SDK runs on a worker thread: plain string
  replaces and a split do the same in a few milliseconds.

They touch private SDK modules, so they are applied only to the exact SDK versions they were verified
on (``VERIFIED_VERSIONS``) and only while the functions they replace keep their verified signatures;
anything else leaves the stock path in place, and says so in the log.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

# The exact SDK versions on which ``tests/unit/services/genai/test_fastpath.py`` proved the patches
# give the stock results. Add a version here only after running that test against it.
VERIFIED_VERSIONS: tuple[str, ...] = ("3.6.1",)

_REQUIRED = inspect.Parameter.empty
_POS = inspect.Parameter.POSITIONAL_OR_KEYWORD
_KW = inspect.Parameter.KEYWORD_ONLY

# ``(parameter name, kind, default)`` of each parameter of a function.
SignatureShape = tuple[tuple[str, Any, Any], ...]

# ``(parameter name, kind, default)`` of every SDK function the patches replace or call, as in
# the verified versions. A change in any of them means the private code moved: stock path.
EXPECTED_SIGNATURES: dict[str, SignatureShape] = {
    "serializers.unmarshal": (
        ("val", _POS, _REQUIRED),
        ("typ", _POS, _REQUIRED),
        ("coerce_iterables", _POS, True),
        ("allow_unknown_union_variants", _POS, False),
    ),
    "serializers._coerce_iterables_for_type": (("data", _POS, _REQUIRED), ("typ", _POS, _REQUIRED)),
    "eventstreaming.stream_events_async": (
        ("response", _POS, _REQUIRED),
        ("decoder", _POS, _REQUIRED),
        ("sentinel", _POS, None),
        ("data_required", _POS, True),
    ),
    "eventstreaming._parse_event": (
        ("raw", _KW, _REQUIRED),
        ("decoder", _KW, _REQUIRED),
        ("sentinel", _KW, None),
        ("event_id", _KW, None),
        ("data_required", _KW, True),
    ),
}

_state: dict[str, Any] = {"installed": False, "original": None}


def sdk_version() -> str:
    """The installed google-genai version."""
    from google.genai import version

    return str(version.__version__)


def is_supported(version: str | None = None) -> bool:
    """Whether the patches were verified on exactly this SDK version (the installed one when None)."""
    v = version if version is not None else sdk_version()
    return v in VERIFIED_VERSIONS


def signature_shape(fn: Callable[..., Any]) -> SignatureShape:
    """``(name, kind, default)`` of each parameter of ``fn`` (annotations left out: they are
    strings or types depending on how the SDK was built, and do not change behaviour)."""
    return tuple((p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values())


def signature_mismatches(functions: dict[str, Callable[..., Any]]) -> list[str]:
    """Names in ``EXPECTED_SIGNATURES`` whose function in ``functions`` is missing or has another
    signature (an empty list when all match)."""
    bad: list[str] = []
    for name, expected in EXPECTED_SIGNATURES.items():
        fn = functions.get(name)
        try:
            shape = signature_shape(fn) if fn is not None else None
        except (TypeError, ValueError):
            shape = None
        if shape != expected:
            bad.append(name)
    return bad


def install() -> bool:
    """Install the fast decoder if the SDK is a verified version whose replaced functions have the
    verified signatures; return whether it is active. Otherwise nothing is patched and the stock
    path is logged."""
    if _state["installed"]:
        return True
    version = sdk_version()
    if not is_supported(version):
        log.info(
            "google-genai %s is not a version the fast decoder was verified on (%s); using the stock path",
            version,
            ", ".join(VERIFIED_VERSIONS),
        )
        return False
    try:
        from google.genai._gaos import utils as sdk_utils
        from google.genai._gaos.utils import eventstreaming as es
        from google.genai._gaos.utils import serializers as ser
        from pydantic import ConfigDict, create_model

        original = ser.unmarshal
        coerce = ser._coerce_iterables_for_type
        allow_key = ser.ALLOW_UNKNOWN_UNION_VARIANTS
        functions: dict[str, Callable[..., Any]] = {
            "serializers.unmarshal": original,
            "serializers._coerce_iterables_for_type": coerce,
            "eventstreaming.stream_events_async": es.stream_events_async,
            "eventstreaming._parse_event": es._parse_event,
        }
        mismatched = signature_mismatches(functions)
        stream_patch = {} if mismatched else _sse_patch(es)
    except (ImportError, AttributeError) as exc:
        log.warning("google-genai %s internals differ from the verified shape (%s); using the stock path", version, exc)
        return False
    if mismatched:
        log.warning(
            "google-genai %s: %s changed signature; using the stock path", version, ", ".join(sorted(mismatched))
        )
        return False

    cache: dict[Any, Any] = {}
    config = ConfigDict(populate_by_name=True, arbitrary_types_allowed=True)

    def cached_unmarshal(
        val: Any, typ: Any, coerce_iterables: bool = True, allow_unknown_union_variants: bool = False
    ) -> Any:
        try:
            model = cache[typ]
        except KeyError:
            model = cache[typ] = create_model("Unmarshaller", body=(typ, ...), __config__=config)
        except TypeError:  # unhashable type annotation: fall back to the stock code
            return original(val, typ, coerce_iterables, allow_unknown_union_variants)
        if coerce_iterables:
            val = coerce(val, typ)
        if allow_unknown_union_variants:
            return model.model_validate({"body": val}, context={allow_key: True}).body
        return model(body=val).body

    # Both names are bound: the package re-exports the function.
    ser.unmarshal = cached_unmarshal
    sdk_utils.unmarshal = cached_unmarshal
    stock_stream = {name: getattr(es, name) for name in stream_patch}
    for name, fn in stream_patch.items():
        setattr(es, name, fn)
    _state.update(installed=True, original=original, stream_original=stock_stream)
    log.debug("fast decoder installed on google-genai %s", version)
    return True


def _sse_patch(es: Any) -> dict[str, Any]:
    """Drop-in replacements for ``stream_events_async`` and ``_parse_event`` (same semantics)."""
    import re

    boundaries = es.MESSAGE_BOUNDARIES
    max_len = es.MAX_BOUNDARY_LEN
    bom = es.UTF8_BOM
    server_event = es.ServerEvent
    asdict = es.asdict
    json_mod = es.json
    # Alternation order = the list order, as the stock loop tries them at each position.
    boundary = re.compile(b"|".join(re.escape(b) for b in boundaries))

    def parse_event(
        *,
        raw: bytearray,
        decoder: Any,
        sentinel: str | None = None,
        event_id: str | None = None,
        data_required: bool = True,
    ) -> tuple[Any, bool, str | None]:
        block = raw.decode()
        # Same lines as re.split(r"\r?\n|\r", block), without holding the GIL for ~50 ms per 4 MB.
        lines = block.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        publish = False
        event = server_event()
        data_parts: list[str] = []
        for line in lines:
            if not line:
                continue
            delim = line.find(":")
            if delim == 0:
                continue
            field = line
            value = ""
            if delim > 0:
                field = line[0:delim]
                value = line[delim + 1 :] if delim < len(line) - 1 else ""
                if len(value) and value[0] == " ":
                    value = value[1:]
            if field == "event":
                event.event = value
                publish = True
            elif field == "data":
                data_parts.append(value)
                publish = True
            elif field == "id":
                publish = True
                if "\x00" not in value:
                    event_id = value
            elif field == "retry":
                if value.isdigit():
                    event.retry = int(value)
                publish = True
        event.id = event_id
        has_data = bool(data_parts)
        data = "\n".join(data_parts)
        if sentinel and has_data and data == sentinel:
            return None, True, event_id
        if not has_data and publish and data_required:
            return None, False, event_id
        if has_data:
            try:
                event.data = json_mod.loads(data)
            except json_mod.JSONDecodeError:
                event.data = data
        out = None
        if publish:
            out_dict = {k: v for k, v in asdict(event).items() if v is not None or (k == "data" and has_data)}
            out = decoder(json_mod.dumps(out_dict))
        return out, False, event_id

    async def stream_events_async(
        response: Any, decoder: Any, sentinel: str | None = None, data_required: bool = True
    ) -> Any:
        try:
            buffer = bytearray()
            position = 0
            event_id: str | None = None
            async for raw in response.aiter_bytes():
                chunk = raw[len(bom) :] if len(buffer) == 0 and raw.startswith(bom) else raw
                old_len = len(buffer)
                buffer += chunk
                end = len(buffer)
                match = boundary.search(buffer, max(position, old_len - max_len + 1), end)
                while match is not None:
                    i = match.start()
                    block = buffer[position:i]
                    position = i + (match.end() - i)
                    event, discard, event_id = parse_event(
                        raw=block,
                        decoder=decoder,
                        sentinel=sentinel,
                        event_id=event_id,
                        data_required=data_required,
                    )
                    if event is not None:
                        yield event
                    if discard:
                        return
                    # The stock loop goes on from i + 1, not from the end of the boundary.
                    match = boundary.search(buffer, i + 1, end)
                if position > 0:
                    buffer = buffer[position:]
                    position = 0
            event, discard, _ = parse_event(
                raw=buffer, decoder=decoder, sentinel=sentinel, event_id=event_id, data_required=data_required
            )
            if event is not None:
                yield event
        finally:
            await response.aclose()

    return {"stream_events_async": stream_events_async, "_parse_event": parse_event}


def uninstall() -> None:
    """Restore the stock decoder (used by the equivalence test and the benchmark)."""
    if not _state["installed"]:
        return
    from google.genai._gaos import utils as sdk_utils
    from google.genai._gaos.utils import serializers as ser

    ser.unmarshal = _state["original"]
    sdk_utils.unmarshal = _state["original"]
    if _state.get("stream_original"):
        from google.genai._gaos.utils import eventstreaming as es

        for name, fn in _state["stream_original"].items():
            setattr(es, name, fn)
    _state.update(installed=False, original=None, stream_original=None)


def is_installed() -> bool:
    """Whether the fast decoder is active."""
    return bool(_state["installed"])
