"""Whether a link's visible text names another place than the link goes to.

``[https://good.example.com/](http://elsewhere/…)`` reads as a link to good.example.com; a
model (or a page it quotes) can write that. The transcript asks before opening such a link.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlsplit

__all__ = ["deceptive_host", "host_of"]

# A bare domain as link text: labels of letters, digits and hyphens (any script), a dot, and a
# top-level label of two or more letters; optionally "www." and a path after it.
_DOMAIN_RE = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?", re.UNICODE)
_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
# Top-level domains that are also file extensions: "README.md" or "setup.py" as link text names
# a file, not a site. (.zip and .mov are left out on purpose: they are used to deceive.)
_FILE_LIKE_TLDS = frozenset({"md", "py", "sh", "rs", "pl", "rb", "cc", "ps", "sc", "so", "in", "do"})


def host_of(url: str) -> str:
    """The host of ``url``, lower-case, IDNA-encoded where possible, without "www." ("" if none)."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return _normalise(host)


def deceptive_host(text: str, href: str) -> str | None:
    """The host ``text`` names when it looks like a URL or domain on another host than ``href``.

    ``None`` for ordinary link text ("the docs"), for text naming the same host or a parent
    domain of it (``example.com`` for ``docs.example.com``), and for mailto links.
    """
    shown = text.strip()
    if not shown or href.lower().startswith("mailto:"):
        return None
    if _SCHEME_RE.match(shown):
        named = host_of(shown)
    elif _DOMAIN_RE.fullmatch(shown) and "@" not in shown and not _looks_like_file_name(shown):
        named = host_of("http://" + shown)
    else:
        return None
    if not named:
        return None
    target = host_of(href)
    if target == named or target.endswith("." + named):
        return None
    return named


def _looks_like_file_name(text: str) -> bool:
    name, dot, extension = text.partition(".")
    return bool(name and dot) and "." not in extension and extension.lower() in _FILE_LIKE_TLDS


def _normalise(host: str) -> str:
    host = host.lower().rstrip(".")
    with contextlib.suppress(UnicodeError):  # not encodable: compared as written
        host = host.encode("idna").decode("ascii")
    return host.removeprefix("www.")
