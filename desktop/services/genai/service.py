"""The API service: everything the app asks of the Gemini Interactions API, in the app's own types.

The SDK lives on a worker thread with its own asyncio loop (see ``loop_thread``); callers await
this service from the GUI loop and receive small, decoded app events in batches. Errors leave
here only as ``desktop.errors.AppError``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.api import FALLBACK_MODELS, InteractionSnapshot, ModelInfo, TurnRequest, UploadedFile
from desktop.domain.endings import refused_message
from desktop.services.genai import fastpath, stream_errors, uploads
from desktop.services.genai.convert import StreamConverter, _dump
from desktop.services.genai.errors import from_status, map_exception, server_message
from desktop.services.loop_thread import EventPipe, LoopThread, TimeSlicer

log = logging.getLogger(__name__)

#: The Gemini API's address when no base URL is configured.
DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
#: Generated files given by ``uri`` are downloaded up to this size.
MAX_MEDIA_BYTES = 100 * 1024 * 1024
HTTP_ERROR = 400


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the SDK retries a failed request before a stream starts (explicit, not the SDK default).

    Retries cover transient statuses only; a stream that already started is resumed by this
    service instead (``resume_delays``).
    """

    attempts: int = 3
    initial_delay: float = 1.0
    max_delay: float = 8.0
    statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504)
    resume_delays: tuple[float, ...] = (0.5, 1.5, 4.0)


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Connection settings for the service."""

    api_key: str
    base_url: str | None = None
    timeout_s: float = 120.0
    retry: RetryPolicy = RetryPolicy()
    fast_path: bool = True


class TurnStream:
    """A streamed turn: iterate it for app events; ``stop()`` ends it at once.

    The SDK stream runs on the worker loop; this object yields its events on the caller's loop,
    merging consecutive text deltas and giving the loop a turn every few milliseconds so a burst
    of buffered events never freezes the window.
    """

    def __init__(self, service: GeminiService, producer: Any) -> None:
        self._service = service
        self._producer = producer
        self._future: Any = None
        self._stopped = False
        self.converter = StreamConverter()
        #: The id of the last stream event all of whose app events were handed out (None before
        #: the first one). Unlike ``last_event_id`` (the worker's, which may run ahead of the
        #: consumer), text saved after taking an event holds exactly the events up to this id.
        self.position: str | None = None

    @property
    def interaction_id(self) -> str | None:
        """The server's id for this interaction, once ``Started`` was seen."""
        return self.converter.interaction_id

    @property
    def last_event_id(self) -> str | None:
        """The id of the last event received (for resuming later)."""
        return self.converter.last_event_id

    @property
    def stopped(self) -> bool:
        """Whether ``stop()`` was called."""
        return self._stopped

    def stop(self) -> None:
        """Cancel the turn now: the HTTP stream is closed on the worker loop."""
        self._stopped = True
        if self._future is not None and not self._future.done():
            self._future.cancel()

    def __aiter__(self) -> AsyncIterator[ev.StreamEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[ev.StreamEvent]:
        loop = asyncio.get_running_loop()
        pipe: EventPipe[ev.StreamEvent] = EventPipe(loop)
        self._future = self._service._worker.submit(self._producer(pipe, self.converter))
        if self._stopped:
            self._future.cancel()
        slicer = TimeSlicer()
        try:
            while True:
                batch = await pipe.get_batch()
                slicer.reset()
                if not batch:
                    return
                items, ids = coalesce_marked(batch)
                for item, event_id in zip(items, ids, strict=True):
                    if event_id is not None:
                        # Set before the item is handed out: whatever the consumer saves after
                        # taking it holds exactly the events up to this id.
                        self.position = event_id
                    if item is not None:
                        yield item
                        await slicer.yield_if_due()
        finally:
            pipe.detach()
            if not self._future.done():
                self._future.cancel()


@dataclass(frozen=True, slots=True)
class EventMark:
    """Put in the pipe after the app events of one SDK event that had an ``event_id``."""

    event_id: str


def coalesce_marked(batch: list[Any]) -> tuple[list[ev.StreamEvent | None], list[str | None]]:
    """``coalesce`` for a batch holding ``EventMark``s: the merged events, and for each the id of
    the last SDK event it completes (None if it completes none). A ``None`` event stands for
    marks that come before any event of the batch (SDK events that gave no app event)."""
    items: list[ev.StreamEvent | None] = []
    ids: list[str | None] = []
    pieces: list[str] = []  # text of a run of deltas being merged (joined once: += is quadratic)

    def close_run() -> None:
        if pieces:
            prev = items[-1]
            assert isinstance(prev, (ev.TextDelta, ev.ThoughtDelta))
            items[-1] = replace(prev, text="".join(pieces))
            pieces.clear()

    for part in batch:
        if isinstance(part, EventMark):
            if not items:
                items.append(None)
                ids.append(part.event_id)
            else:
                ids[-1] = part.event_id
            continue
        prev = items[-1] if items else None
        if (
            isinstance(part, (ev.TextDelta, ev.ThoughtDelta))
            and isinstance(prev, (ev.TextDelta, ev.ThoughtDelta))
            and type(prev) is type(part)
            and prev.index == part.index
        ):
            if not pieces:
                pieces.append(prev.text)
            pieces.append(part.text)
            continue
        close_run()
        items.append(part)
        ids.append(None)
    close_run()
    return items, ids


def coalesce(batch: list[ev.StreamEvent]) -> list[ev.StreamEvent]:
    """Merge runs of text (and thought) deltas of the same step into one delta each."""
    out: list[ev.StreamEvent] = []
    pieces: list[str] = []
    for item in batch:
        prev = out[-1] if out else None
        if (
            isinstance(item, (ev.TextDelta, ev.ThoughtDelta)) and type(prev) is type(item) and prev.index == item.index  # type: ignore[union-attr]
        ):
            if not pieces:
                pieces.append(prev.text)  # type: ignore[union-attr]
            pieces.append(item.text)
            continue
        if pieces:
            out[-1] = type(prev)(prev.index, "".join(pieces))  # type: ignore[union-attr,misc,call-arg]
            pieces = []
        out.append(item)
    if pieces:
        prev = out[-1]
        out[-1] = type(prev)(prev.index, "".join(pieces))  # type: ignore[union-attr,misc,call-arg]
    return out


class GeminiService:
    """Async access to the Interactions API for the app (no Qt)."""

    def __init__(self, config: ServiceConfig, worker: LoopThread | None = None) -> None:
        self.config = config
        self._owns_worker = worker is None
        self._worker = worker or LoopThread("gemini-sdk")
        self._client: Any = None
        self._models: list[ModelInfo] | None = None
        self._closed = False

    # -- client ---------------------------------------------------------------------------------
    def _ensure_client(self) -> Any:
        """Build the SDK client (on the worker thread: the import alone takes ~1 s)."""
        if self._client is None:
            if self._closed:
                raise app.AppError("The connection to the service was closed.")
            from google import genai
            from google.genai import types

            if self.config.fast_path:
                fastpath.install()
            retry = self.config.retry
            options = types.HttpOptions(
                base_url=self.config.base_url or None,
                timeout=int(self.config.timeout_s * 1000),
                # Bare JSON error lines in a stream are dropped by the SDK: watch for them.
                async_client_args={"event_hooks": {"response": [stream_errors.on_response]}},
                retry_options=types.HttpRetryOptions(
                    attempts=max(1, retry.attempts),
                    initial_delay=retry.initial_delay,
                    max_delay=retry.max_delay,
                    http_status_codes=list(retry.statuses),
                ),
            )
            client = genai.Client(api_key=self.config.api_key, http_options=options)
            client.aio.interactions  # noqa: B018 - the first touch builds the SDK (~0.8 s): pay it now
            self._client = client
        return self._client

    async def start(self) -> None:
        """Import the SDK and build the client in the background, so the first send is fast."""

        async def build() -> None:
            self._ensure_client()

        try:
            await self._worker.run(build())
        except Exception as exc:  # noqa: BLE001 - mapped for the user
            raise map_exception(exc) from exc

    async def aclose(self) -> None:
        """Close the HTTP client and stop the worker thread."""
        self._closed = True

        async def close() -> None:
            if self._client is not None:
                try:
                    await self._client.aio.aclose()
                    self._client.close()
                except Exception:  # noqa: BLE001 - closing must never fail the quit
                    log.debug("error while closing the client", exc_info=True)
                self._client = None

        if self._worker.alive:
            try:
                await asyncio.wait_for(self._worker.run(close()), timeout=1.0)
            except (asyncio.TimeoutError, Exception):  # noqa: BLE001
                log.debug("client close did not finish", exc_info=True)
            if self._owns_worker:
                self._worker.stop()

    async def _call(self, coro_fn: Any, *, previous_interaction_id: str | None = None) -> Any:
        """Run ``coro_fn(client)`` on the worker loop, mapping errors."""

        async def run() -> Any:
            return await coro_fn(self._ensure_client())

        try:
            return await self._worker.run(run())
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - mapped for the user
            raise map_exception(exc, previous_interaction_id=previous_interaction_id) from exc

    # -- streaming ------------------------------------------------------------------------------
    def stream_turn(self, request: TurnRequest) -> TurnStream:
        """Start a streamed ``create``; a dropped stream of a stored interaction is resumed."""
        params = request.to_params()
        resumable = request.store is not False

        async def produce(pipe: EventPipe[ev.StreamEvent], conv: StreamConverter) -> None:
            async def open_stream(client: Any) -> Any:
                return await client.aio.interactions.create(**params, stream=True)

            await self._produce(pipe, conv, open_stream, resumable, request.previous_interaction_id, created=True)

        return TurnStream(self, produce)

    def watch(self, interaction_id: str, last_event_id: str | None = None) -> TurnStream:
        """Stream a stored interaction (e.g. a background run) from after ``last_event_id``."""

        async def produce(pipe: EventPipe[ev.StreamEvent], conv: StreamConverter) -> None:
            conv.interaction_id = interaction_id
            conv.last_event_id = last_event_id

            async def open_stream(client: Any) -> Any:
                return await _get_stream(client, interaction_id, last_event_id)

            await self._produce(pipe, conv, open_stream, True, None)

        return TurnStream(self, produce)

    async def _produce(
        self,
        pipe: EventPipe[ev.StreamEvent],
        conv: StreamConverter,
        open_stream: Any,
        resumable: bool,
        previous_interaction_id: str | None,
        *,
        created: bool = False,
    ) -> None:
        """Worker-loop side of a stream: pump events, resume after drops, close the pipe.

        Errors before the server created the interaction are about the request (a 404 there
        means ``previous_interaction_id`` expired); errors after it are about this interaction.
        For a stream this call ``created``, a 404 on its resume ``GET`` means the server kept no
        copy of what it had just started: the answer was refused (it may have been blocked).
        """
        from google.genai import _interactions as ix
        from google.genai import errors as genai_errors

        seen: set[str] = set()
        if conv.last_event_id:
            seen.add(conv.last_event_id)
        token = stream_errors.collect_into(conv.bare_errors)
        try:
            client = self._ensure_client()
            stream = await open_stream(client)
            delays = list(self.config.retry.resume_delays)
            while True:
                dropped: BaseException | None = None
                try:
                    await _pump(stream, conv, pipe, seen)
                except (ix.APIConnectionError, genai_errors.ContinuationInterruptedError) as exc:
                    # ContinuationInterruptedError: the SDK's automatic continuation failed between
                    # hops after output was shown; the hop is stored, so it resumes like a drop.
                    dropped = exc
                if conv.finished or (conv.error_frames and dropped is None):
                    break  # an error frame ends the turn: resuming would only replay it
                if conv.bare_errors and dropped is None:
                    raise _refused(conv)  # the server said why it stopped; nothing more will come
                if not (resumable and conv.interaction_id and delays):
                    if dropped is not None:
                        raise dropped
                    break
                delay = delays.pop(0)
                log.info(
                    "stream of %s ended early; resuming after %s in %.1fs",
                    conv.interaction_id,
                    conv.last_event_id,
                    delay,
                )
                await asyncio.sleep(delay)
                try:
                    stream = await _get_stream(client, conv.interaction_id, conv.last_event_id)
                except ix.NotFoundError as exc:
                    if not created:
                        raise
                    # The server kept no copy of an interaction it created: the answer was refused
                    # (blocked) before any completion. Not an expired previous interaction.
                    raise _refused(conv, exc) from exc
            if not conv.finished:
                if conv.error_frames:
                    raise conv.error_frames[-1].error
                if conv.bare_errors:
                    raise _refused(conv)
                raise app.IncompleteStreamError(
                    "The answer stopped before it was complete. You can retry or continue it.",
                )
            pipe.close()
        except asyncio.CancelledError:
            pipe.close()
            raise
        except Exception as exc:  # noqa: BLE001 - everything reaches the consumer mapped
            # Once the interaction exists, no error is about the previous one any more.
            previous = None if conv.interaction_id else previous_interaction_id
            pipe.close(map_exception(exc, previous_interaction_id=previous))
        finally:
            stream_errors.stop_collecting(token)

    # -- unary calls ----------------------------------------------------------------------------
    async def get(self, interaction_id: str) -> InteractionSnapshot:
        """Fetch an interaction's current state."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.get(interaction_id))

        return await self._call(call)

    async def cancel(self, interaction_id: str) -> InteractionSnapshot:
        """Cancel a (background) interaction; returns its state afterwards."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.cancel(interaction_id))

        return await self._call(call)

    async def delete(self, interaction_id: str) -> None:
        """Delete a stored interaction from the server."""

        async def call(client: Any) -> None:
            await client.aio.interactions.delete(interaction_id)

        await self._call(call)

    async def create(self, request: TurnRequest) -> InteractionSnapshot:
        """A unary ``create`` (used for background runs: the answer is the queued interaction)."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.create(**request.to_params()))

        return await self._call(call, previous_interaction_id=request.previous_interaction_id)

    async def check_key(self) -> None:
        """A cheap authenticated call; raises ``InvalidKeyError`` and friends when it fails."""

        async def call(client: Any) -> None:
            pager = await client.aio.models.list(config={"page_size": 1})
            async for _ in pager:
                break

        await self._call(call)

    async def list_models(self, *, refresh: bool = False) -> list[ModelInfo]:
        """Models that can generate content, cached; the built-in list when the API is unreachable."""
        if self._models is not None and not refresh:
            return self._models

        async def call(client: Any) -> list[ModelInfo]:
            out: list[ModelInfo] = []
            pager = await client.aio.models.list(config={"page_size": 100})
            async for m in pager:
                actions = m.supported_actions or []
                if "generateContent" not in actions:
                    continue
                name = (m.name or "").removeprefix("models/")
                out.append(
                    ModelInfo(
                        name=name,
                        display_name=m.display_name or name,
                        input_token_limit=m.input_token_limit,
                        output_token_limit=m.output_token_limit,
                        thinking=m.thinking,
                    )
                )
            return out

        try:
            models = await self._call(call)
        except (app.NetworkError, app.ServerError) as exc:
            log.info("model list unavailable (%s); using the built-in list", exc.title)
            return [ModelInfo(name, name) for name in FALLBACK_MODELS]
        self._models = models
        return models

    async def fetch_media(self, uri: str, *, max_bytes: int = MAX_MEDIA_BYTES) -> bytes:
        """Download an output the model gave as a ``uri`` (no inline data): the file's bytes.

        Only ``http``/``https``; the API key goes only to the API's own host (and redirects are
        then not followed). Raises ``InvalidRequestError`` for another scheme, ``ServerError``
        past ``max_bytes``, and the usual mapped errors (``NotFoundError``, ``NetworkError``...).
        """
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise app.InvalidRequestError("The file is at an address the app cannot open.", detail=uri[:200])
        api = urlsplit(self.config.base_url or DEFAULT_BASE_URL)
        same_host = (parts.scheme, parts.netloc) == (api.scheme, api.netloc)
        headers = {"x-goog-api-key": self.config.api_key} if same_host else {}

        async def call(client: Any) -> bytes:
            import httpx2  # the SDK's HTTP library

            async with (
                httpx2.AsyncClient(timeout=self.config.timeout_s, follow_redirects=not same_host) as http,
                http.stream("GET", uri, headers=headers) as response,
            ):
                if response.status_code >= HTTP_ERROR:
                    raise from_status(response.status_code, await response.aread(), response.headers)
                chunks: list[bytes] = []
                total = 0
                async for chunk in response.aiter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise app.ServerError(f"The file is larger than {max_bytes // (1024 * 1024)} MB.")
                    chunks.append(chunk)
                return b"".join(chunks)

        return await self._call(call)

    # -- Files API (attachments) ----------------------------------------------------------------

    async def upload_file(
        self,
        path: Path | bytes,
        *,
        mime_type: str,
        display_name: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> UploadedFile:
        """Upload a file (or bytes) to the Files API; ``progress(sent, total)`` runs on this loop.

        The SDK reads and sends the file in 8 MiB chunks on the worker thread. Cancelling the
        awaiting task cancels the upload there (the half-sent session is abandoned).
        """
        loop = asyncio.get_running_loop()

        async def call(client: Any) -> UploadedFile:
            reader = uploads.ProgressReader(path, loop, progress)
            try:
                file = await client.aio.files.upload(
                    file=reader, config={"mime_type": mime_type, "display_name": display_name}
                )
            finally:
                reader.close()
            reader.report(reader.total)
            return uploads.uploaded_file(file)

        return await self._call(call)

    async def get_file(self, name: str) -> UploadedFile:
        """The current state of an uploaded file (``NotFoundError`` once the server forgot it)."""

        async def call(client: Any) -> UploadedFile:
            return uploads.uploaded_file(await client.aio.files.get(name=name))

        return await self._call(call)

    async def wait_until_active(self, name: str, *, poll_s: float = 2.0, timeout_s: float = 600.0) -> UploadedFile:
        """Poll a ``PROCESSING`` file (video) until it is ``ACTIVE``; ``FAILED`` or a timeout raise."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            file = await self.get_file(name)
            if file.active:
                return file
            if file.state == "FAILED":
                raise app.ServerError("The server could not process this file. Try another format or a shorter clip.")
            if asyncio.get_running_loop().time() + poll_s > deadline:
                raise app.RequestTimeoutError(
                    f"The server is still processing the file after {timeout_s / 60:.0f} minutes. Try again later."
                )
            await asyncio.sleep(poll_s)


def _refused(conv: StreamConverter, not_found: Any = None) -> app.AnswerRefusedError:
    """The error for an answer that stopped without completing: the server's reason when it gave one."""
    reason: str | None = None
    code: str | None = None
    for err in reversed(conv.bare_errors):
        if err.get("message"):
            reason, code = str(err["message"]), str(err.get("code") or "") or None
            break
    detail = f"{code}: {reason}" if code and reason else reason
    if not_found is not None and detail is None:
        _, detail = server_message(getattr(not_found, "body", None))
    return app.AnswerRefusedError(
        refused_message(reason),
        reason=reason,
        detail=detail,
        status_code=getattr(not_found, "status_code", None),
    )


async def _get_stream(client: Any, interaction_id: str, last_event_id: str | None) -> Any:
    kwargs: dict[str, Any] = {"stream": True}
    if last_event_id:
        kwargs["last_event_id"] = last_event_id
    return await client.aio.interactions.get(interaction_id, **kwargs)


async def _pump(stream: Any, conv: StreamConverter, pipe: EventPipe[ev.StreamEvent], seen: set[str]) -> None:
    """Feed one SDK stream into the pipe, skipping events already seen (resume may overlap)."""
    try:
        async for sdk_event in stream:
            event_id = getattr(sdk_event, "event_id", None)
            if event_id:
                if event_id in seen:
                    continue
                seen.add(event_id)
            for item in conv.feed(sdk_event):
                pipe.put(item)
            if event_id:
                pipe.put(EventMark(event_id))  # type: ignore[arg-type]
            if conv.finished:
                break
    finally:
        try:
            await stream.close()
            # AsyncStream.close() leaves its generator suspended; finalising it here (same task)
            # avoids "async generator ignored GeneratorExit" noise when it is collected later.
            generator = getattr(stream, "generator", None)
            if generator is not None:
                await generator.aclose()
        except Exception:  # noqa: BLE001 - the stream may already be broken
            log.debug("closing a stream failed", exc_info=True)


def _snapshot(inter: Any) -> InteractionSnapshot:
    steps = tuple(_dump(s) for s in (inter.steps or []))
    errors = tuple(_dump(e) for e in (getattr(inter, "errors", None) or []))
    usage = ev.Usage.from_wire(_dump(inter.usage) if inter.usage is not None else None)
    return InteractionSnapshot(
        id=inter.id or "",
        status=str(inter.status) if inter.status else "unknown",
        steps=steps,
        usage=usage,
        errors=errors,
        model=getattr(inter, "model", None),
        agent=getattr(inter, "agent", None),
        output_text=getattr(inter, "output_text", "") or "",
    )
