"""The API service: everything the app asks of the Gemini Interactions API, in the app's own types.

The SDK lives on a worker thread with its own asyncio loop (see ``loop_thread``); callers await
this service from the GUI loop and receive small, decoded app events in batches. Errors leave
here only as ``desktop.errors.AppError``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain.api import FALLBACK_MODELS, InteractionSnapshot, ModelInfo, TurnRequest, UploadedFile
from desktop.services.genai import fastpath, uploads
from desktop.services.genai.convert import StreamConverter, _dump
from desktop.services.genai.errors import map_exception
from desktop.services.loop_thread import EventPipe, LoopThread, TimeSlicer

log = logging.getLogger(__name__)

#: Where the SDK sends requests when no base URL is set.
DEFAULT_ENDPOINT = "https://generativelanguage.googleapis.com"


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
    #: The environment variable the key came from (None: keyring or typed), so a rejection can say
    #: where to fix it: an environment key cannot be changed from within the app.
    key_variable: str | None = None

    @property
    def endpoint(self) -> str:
        """The URL requests go to (for messages): ``base_url``, else Google's."""
        return (self.base_url or DEFAULT_ENDPOINT).rstrip("/")


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
                for item in coalesce(batch):
                    yield item
                    await slicer.yield_if_due()
        finally:
            pipe.detach()
            if not self._future.done():
                self._future.cancel()


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

    def explain(self, error: app.AppError) -> app.AppError:
        """Say which endpoint could not be reached, and where a rejected environment key is set."""
        if isinstance(error, app.NetworkError) and self.config.endpoint not in error.message:
            where = f"the Gemini service at {self.config.endpoint}"
            if "the Gemini service" in error.message:
                error.message = error.message.replace("the Gemini service", where, 1)
            elif "The server" in error.message:
                error.message = error.message.replace("The server", f"The server at {self.config.endpoint}", 1)
            else:
                error.message = f"{error.message.rstrip('.')} ({where})."
            error.args = (error.message,)
        elif isinstance(error, app.InvalidKeyError) and self.config.key_variable:
            error.message = (
                f"The API key in the environment variable {self.config.key_variable} was rejected. "
                f"Correct or unset {self.config.key_variable} and restart the app, "
                "or create a new key in Google AI Studio."
            )
            error.args = (error.message,)
        return error

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
            raise self.explain(map_exception(exc, previous_interaction_id=previous_interaction_id)) from exc

    # -- streaming ------------------------------------------------------------------------------
    def stream_turn(self, request: TurnRequest) -> TurnStream:
        """Start a streamed ``create``; a dropped stream of a stored interaction is resumed."""
        params = request.to_params()
        resumable = request.store is not False

        async def produce(pipe: EventPipe[ev.StreamEvent], conv: StreamConverter) -> None:
            async def open_stream(client: Any) -> Any:
                return await client.aio.interactions.create(**params, stream=True)

            await self._produce(pipe, conv, open_stream, resumable, request.previous_interaction_id)

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
    ) -> None:
        """Worker-loop side of a stream: pump events, resume after drops, close the pipe."""
        from google.genai import _interactions as ix

        seen: set[str] = set()
        if conv.last_event_id:
            seen.add(conv.last_event_id)
        try:
            client = self._ensure_client()
            stream = await open_stream(client)
            delays = list(self.config.retry.resume_delays)
            while True:
                dropped: BaseException | None = None
                try:
                    await _pump(stream, conv, pipe, seen)
                except ix.APIConnectionError as exc:
                    dropped = exc
                if conv.finished or (conv.error_frames and dropped is None):
                    break  # an error frame ends the turn: resuming would only replay it
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
                stream = await _get_stream(client, conv.interaction_id, conv.last_event_id)
            if not conv.finished:
                if conv.error_frames:
                    raise conv.error_frames[-1].error
                raise app.IncompleteStreamError(
                    "The answer stopped before it was complete. You can retry or continue it.",
                )
            pipe.close()
        except asyncio.CancelledError:
            pipe.close()
            raise
        except Exception as exc:  # noqa: BLE001 - everything reaches the consumer mapped
            pipe.close(self.explain(map_exception(exc, previous_interaction_id=previous_interaction_id)))

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
