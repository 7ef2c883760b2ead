"""A headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

No driver and no extra package: messages are JSON, each ended by a NUL byte, written to
the browser's file descriptor 3 and read from its descriptor 4. The browser is started
so that it cannot reach the network (a proxy on a closed local port, and every host name
unresolvable); every request it makes is recorded, to check that a page loads nothing
from outside. Used by ``factprov site --screenshot`` and by the browser tests.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
KEYS = {"Enter": ("Enter", 13, "\r"), " ": ("Space", 32, " "), "Tab": ("Tab", 9, ""), "Escape": ("Escape", 27, "")}


class BrowserError(Exception):
    """Chromium is missing, did not start, or did not answer in time."""


def find_chromium() -> str | None:
    """``$FACTPROV_CHROMIUM``, else the first of :data:`NAMES` on the PATH."""
    named = os.environ.get("FACTPROV_CHROMIUM")
    if named:
        return named
    return next((path for path in map(shutil.which, NAMES) if path), None)


def _high(fd: int) -> int:
    """A copy of ``fd`` numbered 10 or above (so that it cannot be 3 or 4), the original closed."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return high


class Browser:
    def __init__(self, binary: str | None = None, timeout: float = 30.0):
        binary = binary or find_chromium()
        if binary is not None:
            binary = shutil.which(binary) or binary  # execv needs a path
        if binary is None:
            raise BrowserError("Chromium is not installed (Debian: apt-get install chromium; or set "
                               "FACTPROV_CHROMIUM to its path)")
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="factprov-chromium-")
        to_browser_r, self._to_browser = map(_high, os.pipe())
        self._from_browser, from_browser_w = map(_high, os.pipe())
        args = [binary, "--headless", "--remote-debugging-pipe", f"--user-data-dir={self.profile}",
                "--no-first-run", "--no-default-browser-check", "--disable-gpu", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--metrics-recording-only", "--hide-scrollbars",
                "--force-color-profile=srgb", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                "--host-resolver-rules=MAP * ~NOTFOUND", "about:blank"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        try:
            # A small trampoline puts the pipe ends on the descriptors the browser expects.
            move = (f"import os, sys; os.dup2({to_browser_r}, 3); os.dup2({from_browser_w}, 4); "
                    f"os.close({to_browser_r}); os.close({from_browser_w}); os.execv(sys.argv[1], sys.argv[1:])")
            self.process = subprocess.Popen(
                [sys.executable, "-c", move, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL, pass_fds=(to_browser_r, from_browser_w))
        except OSError as exc:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise BrowserError(f"cannot start {binary}: {exc}") from None
        finally:
            os.close(to_browser_r)
            os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.requests: list[str] = []  # every URL the page asked for
        try:
            target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Network", "Runtime"):
                self.call(f"{domain}.enable", session=True)
        except BaseException:
            self.close()
            raise

    # -- the protocol
    def _send(self, message: dict) -> None:
        data = json.dumps(message).encode("utf-8") + b"\0"
        while data:
            data = data[os.write(self._to_browser, data):]

    def _receive(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {self.timeout:g} s")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise BrowserError("Chromium closed the connection")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        doc = json.loads(message)
        if doc.get("method") == "Network.requestWillBeSent":
            self.requests.append(doc["params"]["request"]["url"])
        return doc

    def call(self, method: str, params: dict | None = None, session: bool = False) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self._send(message)
        deadline = time.monotonic() + self.timeout
        while True:
            doc = self._receive(deadline)
            if doc.get("id") == self._next_id:
                if "error" in doc:
                    raise BrowserError(f"{method}: {doc['error'].get('message')}")
                return doc.get("result", {})
            self.events.append(doc)

    def wait_for(self, method: str) -> dict:
        deadline = time.monotonic() + self.timeout
        for i, doc in enumerate(self.events):
            if doc.get("method") == method:
                return self.events.pop(i)
        while True:
            doc = self._receive(deadline)
            if doc.get("method") == method:
                return doc
            self.events.append(doc)

    # -- what the tests and the screenshot need
    def open(self, url: str, width: int = 1280, height: int = 900) -> None:
        """Load ``url`` at a viewport of ``width`` x ``height`` CSS pixels and wait for its load event."""
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700}, session=True)
        self.events = [e for e in self.events if e.get("method") != "Page.loadEventFired"]
        result = self.call("Page.navigate", {"url": url}, session=True)
        if result.get("errorText"):
            raise BrowserError(f"cannot open {url}: {result['errorText']}")
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (JSON-serialisable values)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression[:60]}...: {result['exceptionDetails'].get('text')} "
                               f"{result['exceptionDetails'].get('exception', {}).get('description', '')}")
        return result["result"].get("value")

    def press(self, key: str, shift: bool = False) -> None:
        """A real key press (keyDown, then keyUp) as a user's keyboard sends it."""
        code, number, text = KEYS[key]
        common = {"key": key, "code": code, "windowsVirtualKeyCode": number, "nativeVirtualKeyCode": number,
                  "modifiers": 8 if shift else 0}
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", **({"text": text} if text else {}), **common},
                  session=True)
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **common}, session=True)

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"])

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self._send({"id": self._next_id + 1, "method": "Browser.close", "params": {}})
                except OSError:
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_browser, self._from_browser):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def screenshot_article(site: Path, png: Path, article_id: str | None = None, width: int = 1100,
                       height: int = 620) -> str:
    """A PNG of an article page of ``site`` with its first statement selected; returns the page's path."""
    pages = sorted((site / "articles").glob("*.html"))
    if article_id is not None:
        pages = [p for p in pages if p.stem == article_id]
    if not pages:
        raise BrowserError(f"{site / 'articles'} has no page for {article_id or 'any article'}")
    with Browser() as browser:
        browser.open(pages[0].resolve().as_uri(), width, height)
        browser.evaluate("(() => { const s = document.querySelector('mark[tabindex]');"
                         " if (s) { s.click(); }"
                         " document.getElementById('text-h').scrollIntoView(); return true; })()")
        data = browser.screenshot()
    png.parent.mkdir(parents=True, exist_ok=True)
    png.write_bytes(data)
    return pages[0].relative_to(site).as_posix()
