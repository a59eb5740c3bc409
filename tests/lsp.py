"""A small Language Server Protocol client, to drive the editor's YAML engine in tests.

VS Code's YAML extension is a front end to yaml-language-server; driving the server itself
over JSON-RPC (``Content-Length`` framed, over stdio) shows what a SENCO sees as they type:
the squiggles (``textDocument/publishDiagnostics``) and the completion list.

The server asks the client for its settings (``workspace/configuration``) once it is
initialised, and again before each validation; the answers here are VS Code's defaults with
the two network features off (the SchemaStore catalogue and the Kubernetes CRD store), so a
test never reaches the internet and the schema comes from the file's modeline alone.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from pathlib import Path
from typing import Any

#: The ``yaml`` settings section, as VS Code's YAML extension sends it by default, minus the
#: downloads (names from yaml-language-server's README, "Language server settings").
YAML_SETTINGS: dict[str, Any] = {
    "validate": True,
    "completion": True,
    "hover": True,
    "format": {"enable": False},
    "yamlVersion": "1.2",
    "schemas": {},
    "schemaStore": {"enable": False, "url": ""},
    "kubernetesCRDStore": {"enable": False, "url": ""},
}


class LspError(RuntimeError):
    """The server did not answer in time, answered with an error, or stopped."""


class YamlLanguageServer:
    """One running server; use as a context manager so the process always ends."""

    def __init__(self, command: list[str], root: Path, *, timeout: float = 15.0) -> None:
        self.timeout = timeout
        self._process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self._lock = threading.Lock()
        self._configured = threading.Event()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        try:
            self._initialise(root)
        except BaseException:
            self.close()
            raise

    # -- the session ----------------------------------------------------------------------

    def _initialise(self, root: Path) -> None:
        uri = root.resolve().as_uri()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": uri,
                "workspaceFolders": [{"uri": uri, "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "publishDiagnostics": {},
                    },
                },
            },
        )
        self.notify("initialized", {})
        if not self._configured.wait(self.timeout):
            raise LspError("the server never asked for its settings")
        # The server applies the settings as it reads our answer; any later request is handled
        # after that, so one round trip means the settings are in force before a file opens.
        self.request("sendreview/roundTrip", {}, allow_error=True)  # an unknown method: an error

    def close(self) -> None:
        """Ask the server to stop; end it if it does not, so no test leaves a process behind."""
        try:
            if self._process.poll() is None:
                self.request("shutdown", None, timeout=3)
                self.notify("exit", None)
                self._process.wait(timeout=3)
        except (LspError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait(timeout=5)
            for stream in (self._process.stdin, self._process.stdout):
                if stream:
                    stream.close()

    def __enter__(self) -> YamlLanguageServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ------------------------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        """Open ``path`` (with ``text`` in place of what is on disk, if given); its URI."""
        uri = path.resolve().as_uri()
        with self._lock:
            self._diagnostics[uri] = queue.Queue()
        body = path.read_text(encoding="utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": body}},
        )
        return uri

    def close_document(self, uri: str) -> None:
        """Close ``uri`` and wait for the server to clear its diagnostics.

        A check under way can still report after that; tests open each text under a name of
        its own, so nothing late is taken for the answer about another text.
        """
        with self._lock:
            self._diagnostics[uri] = queue.Queue()
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        try:
            while self._diagnostics[uri].get(timeout=self.timeout):
                pass  # a check that was under way when the file closed
        except queue.Empty:
            raise LspError(f"{uri} was not closed within {self.timeout} s") from None

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The first diagnostics the server publishes for ``uri`` after it was opened."""
        try:
            return self._diagnostics[uri].get(timeout=self.timeout)
        except queue.Empty:
            raise LspError(f"no diagnostics for {uri} within {self.timeout} s") from None

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {
                "textDocument": {"uri": uri},
                "position": {"line": line, "character": character},
            },
        )
        if result is None:
            return []
        return result["items"] if isinstance(result, dict) else result

    # -- JSON-RPC -------------------------------------------------------------------------

    def request(
        self, method: str, params: Any, *, timeout: float | None = None, allow_error: bool = False
    ) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            answer: queue.Queue[dict[str, Any]] = queue.Queue()
            self._responses[ident] = answer
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        try:
            message = answer.get(timeout=timeout or self.timeout)
        except queue.Empty:
            raise LspError(f"no answer to {method} within {timeout or self.timeout} s") from None
        if "error" in message and not allow_error:
            raise LspError(f"{method}: {message['error']}")
        return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        stdin = self._process.stdin
        if stdin is None or self._process.poll() is not None:
            raise LspError("the server has stopped")
        with self._write_lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read_loop(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                header = stdout.readline()
                if not header:
                    return  # the server has gone
                header = header.strip()
                if not header:
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._dispatch(json.loads(stdout.read(length)))

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" not in message:
            with self._lock:
                waiting = self._responses.pop(message.get("id", -1), None)
            if waiting is not None:
                waiting.put(message)
        elif "id" in message:
            self._answer_server(message)
        elif message["method"] == "textDocument/publishDiagnostics":
            params = message["params"]
            with self._lock:
                waiting_for = self._diagnostics.get(params["uri"])
            if waiting_for is not None:
                waiting_for.put(params["diagnostics"])

    def _answer_server(self, message: dict[str, Any]) -> None:
        """Requests from the server: settings get VS Code's defaults, anything else a null."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [
                YAML_SETTINGS if item.get("section") == "yaml" else {}
                for item in message["params"]["items"]
            ]
        self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        if message["method"] == "workspace/configuration":
            self._configured.set()
