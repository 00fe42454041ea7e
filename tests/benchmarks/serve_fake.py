"""Runs the fake server in its own process for benchmarks (so it never shares the app's GIL).

Prints ``BASE_URL <url>`` and serves until stdin closes. The input of a create picks the reply:
``burst:N`` -> N text deltas in one burst; ``image:BYTES`` -> one inline image of that size.
Each reply gets a fresh interaction id so stored interactions do not collide.
"""

from __future__ import annotations

import itertools
import sys
from typing import Any

from tests.fake_api import FakeInteractionsServer, Stream, scenarios

_ids = itertools.count(1)


def reply_for(body: dict[str, Any]) -> Stream:
    """The reply a benchmark request asks for."""
    text = body.get("input") if isinstance(body.get("input"), str) else "burst:10"
    kind, _, arg = str(text).partition(":")
    iid = f"v1_bench{next(_ids)}"
    if kind == "image":
        data = bytes(range(256)) * (int(arg) // 256)
        return Stream(scenarios.image(iid, data, text=None))
    return Stream(scenarios.many_deltas(iid, int(arg or 10), text="lorem ipsum "))


def main() -> None:
    """Serve until stdin closes."""
    with FakeInteractionsServer() as server:
        server.default_reply = reply_for
        print(f"BASE_URL {server.base_url}", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
