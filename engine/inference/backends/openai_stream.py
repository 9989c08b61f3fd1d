"""Reading a server's event stream on its own thread, so a cancel or a deadline never waits on a silent socket."""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from engine.inference.control import CallControl

POLL_S = 0.02
"""How often the reader looks at the call's stop event and deadline while no chunk arrives."""


class Closable(Protocol):
    """An openai Stream: iterable, and `close()` drops the connection (the server then stops generating)."""

    def __iter__(self) -> Iterator[Any]: ...

    def close(self) -> None: ...


class StreamEnded(Exception):
    """The stream stopped without saying it was done (the server died or sent a malformed stream)."""


_DONE = object()


class ChunkPump:
    """Opens the stream and iterates it on a daemon thread; the caller reads chunks with `chunks(control)`.

    When the call is cancelled or times out, the caller stops at once; the pump thread closes the stream as
    soon as its next chunk arrives (at once while the server streams). Only that thread ever touches the
    connection: closing a socket from another thread while this one is blocked reading it sends nothing to
    the server (measured: the server then generated all 1,500 tokens of a cancelled reply), whereas a close
    from the reading thread drops the connection and the server stops. A read blocked on a silent server
    ends by its own (longer) HTTP timeout, unseen by the caller.
    """

    def __init__(self, open_stream: Callable[[], Closable], name: str) -> None:
        self._open = open_stream
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._closing = threading.Event()
        threading.Thread(target=self._run, name=f"stream-{name}", daemon=True).start()

    def chunks(self, control: CallControl) -> Iterator[Any]:
        """Chunks as they arrive, until the stream ends or the call stops; a failure is raised here."""
        try:
            while control.check() is None:
                try:
                    item = self._queue.get(timeout=POLL_S)
                except queue.Empty:
                    continue
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            self.close()

    def close(self) -> None:
        """Ask the pump to drop the connection (idempotent); it does so at its next chunk, or once opened."""
        self._closing.set()

    def _run(self) -> None:
        stream: Closable | None = None
        try:
            stream = self._open()
            for chunk in stream:
                if self._closing.is_set():
                    return
                self._queue.put(chunk)
            self._queue.put(_DONE)
        except BaseException as error:  # noqa: BLE001 - handed to the reader, who decides what it means
            if not self._closing.is_set():
                self._queue.put(error)
        finally:
            if stream is not None:
                with contextlib.suppress(Exception):  # closing a broken connection may fail; it is gone anyway
                    stream.close()
