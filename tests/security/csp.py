"""Reading a page as a Content-Security-Policy would: what in its HTML the policy blocks."""

import re
from html.parser import HTMLParser

NONCE = re.compile(r"'nonce-([^']+)'")
# Script types a browser executes (the empty type is JavaScript); JSON data blocks are not.
EXECUTED = {"", "text/javascript", "application/javascript", "module"}


def policy(response):
    """The directives of the response's Content-Security-Policy: {"script-src": [...]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def nonce_of(response):
    found = NONCE.search(response["Content-Security-Policy"])
    return found.group(1) if found else None


class _Blocked(HTMLParser):
    def __init__(self, nonce):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.blocked = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = self.get_starttag_text()[:120]
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"inline event handler {name}: {where}")
            if name == "style":
                self.blocked.append(f"style attribute: {where}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.blocked.append(f"javascript: URL: {where}")
        has_nonce = self.nonce is not None and attributes.get("nonce") == self.nonce
        if tag == "script":
            kind = (attributes.get("type") or "").lower()
            if kind in EXECUTED and not has_nonce:
                source = attributes.get("src") or ""
                if not source:
                    self.blocked.append(f"inline script without the nonce: {where}")
                elif not source.startswith("/") or source.startswith("//"):
                    self.blocked.append(f"script from another origin: {where}")
        if tag == "style" and not has_nonce:
            self.blocked.append(f"inline <style> without the nonce: {where}")
        if tag == "link" and "stylesheet" in (attributes.get("rel") or ""):
            source = attributes.get("href") or ""
            if not source.startswith("/") or source.startswith("//"):
                self.blocked.append(f"stylesheet from another origin: {where}")


def blocked(response):
    """What the policy of `response` would block in its HTML (empty when nothing)."""
    parser = _Blocked(nonce_of(response))
    parser.feed(response.content.decode())
    parser.close()
    return parser.blocked
