"""Which PyScript a page loads, read from its `<script src>` and `<link href>` URLs.

The loader decides the release, and the release decides the facts the rules apply
(which TOML parser, whether unknown packages throw, which keys exist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .knowledge.releases import NEWEST, Release, find_release, release_for_core
from .page import Attribute, Element, Page

_RELEASES_URL = re.compile(
    r"pyscript\.net/(?:releases|snapshots)/(?P<ver>\d{4}\.\d{1,2}\.\d{1,2})/(?P<file>[\w.-]+)",
    re.IGNORECASE,
)
_NPM_URL = re.compile(r"@pyscript/core@(?P<ver>[\w.-]+)", re.IGNORECASE)
_CLASSIC_CHANNEL = re.compile(
    r"pyscript\.net/(?P<chan>alpha|latest|unstable)/(?P<file>[\w.-]+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Loader:
    element: Element
    attribute: Attribute  # src (script) or href (link)
    url: str
    kind: str  # "modern" (core.js), "classic" (pyscript.js) or "css"
    release: Release | None  # None: unpinned (`latest`) or self-hosted
    channel: str | None = None  # "latest", "alpha", "unstable" when the URL names one
    # The version as the URL writes it (`2022.12.1`, `0.7.31`): `release` maps classic
    # versions onto the oldest modern release, loader rules need the real one.
    version: str | None = None


def find_loaders(page: Page) -> list[Loader]:
    """Every script/link that loads PyScript, in document order."""
    found: list[Loader] = []
    for element in page.live():
        if element.tag == "script":
            attribute = element.attr("src")
        elif element.tag == "link":
            attribute = element.attr("href")
        else:
            continue
        if attribute is None or not attribute.value:
            continue
        loader = _classify(element, attribute, attribute.value.strip())
        if loader is not None:
            found.append(loader)
    return found


def _classify(element: Element, attribute: Attribute, url: str) -> Loader | None:
    lowered = url.lower()
    name = lowered.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    if name.endswith(".css"):
        kind = "css"
    elif name in ("pyscript.js", "pyscript.min.js"):
        kind = "classic"
    elif name == "core.js" and ("pyscript" in lowered or element.tag == "script"):
        kind = "modern"
    else:
        return None
    if kind == "css" and "pyscript" not in lowered:
        return None
    match = _RELEASES_URL.search(url)
    if match:
        version = match["ver"]
        return Loader(element, attribute, url, kind, find_release(version), version=version)
    match = _NPM_URL.search(url)
    if match:
        version = match["ver"]
        return Loader(element, attribute, url, kind, release_for_core(version), version=version)
    match = _CLASSIC_CHANNEL.search(url)
    if match:
        return Loader(element, attribute, url, kind, None, match["chan"].lower())
    if kind == "modern" or "pyscript" in lowered:
        return Loader(element, attribute, url, kind, None)
    return None


@dataclass(frozen=True, slots=True)
class PageRelease:
    release: Release
    source: str  # "loader", "setting" or "assumed"
    loader: Loader | None = None


def page_release(loaders: list[Loader], pinned: str | None) -> PageRelease:
    """The release whose facts apply: a user's setting wins, then the page's loader,
    then the newest known release."""
    if pinned:
        release = find_release(pinned)
        if release is not None:
            return PageRelease(release, "setting")
    for loader in loaders:
        if loader.kind == "modern" and loader.release is not None:
            return PageRelease(loader.release, "loader", loader)
    return PageRelease(NEWEST, "assumed")
