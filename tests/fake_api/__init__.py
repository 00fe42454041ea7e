"""A fake Gemini Interactions API (plus Models and Files) on real HTTP for tests.

Usage::

    from tests.fake_api import FakeInteractionsServer, Stream, scenarios
    with FakeInteractionsServer() as server:
        server.push(Stream(scenarios.plain_text("v1_a", ["Hi"])))
        ...  # point genai.Client(http_options=HttpOptions(base_url=server.base_url)) at it
        assert server.interaction_requests()[0].json["input"] == "hello"
"""

from . import scenarios
from .files import FakeFile
from .records import InteractionRecord
from .replies import BackgroundRun, ErrorReply, Json, RawSse, Reply, ReplySource, Stream
from .server import FakeInteractionsServer
from .transport import RecordedRequest

__all__ = [
    "BackgroundRun",
    "ErrorReply",
    "FakeFile",
    "FakeInteractionsServer",
    "InteractionRecord",
    "Json",
    "RawSse",
    "RecordedRequest",
    "Reply",
    "ReplySource",
    "Stream",
    "scenarios",
]
