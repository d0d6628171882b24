"""Test helpers: notification bodies, a scripted misbehaving HTTP server, CLI runners."""

from __future__ import annotations

import asyncio
import datetime
import functools
import io
import ipaddress
import os
import ssl
import struct
import subprocess
import sys
import threading
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import httpx

from greenconsole.sandbox import Sandbox

TOKEN = "9f2c6e1d0b8a47f3a5e4c2d1b0a9f8e7d6c5b4a3f2e1d0c9b8"
INSTANCE = 1101000042


@dataclass
class MemoryRow:
    """A journal capture as the filter sees a row held in memory (with its body, as an
    imported row has it)."""

    haystack: str
    type_webhook: str
    chat: str
    id_message: str
    receipt_id: int | None
    received_at: float
    shape_errors: int | None
    shape_notes: str
    body: dict[str, Any] | None

    @classmethod
    def of(cls, capture: Any, body: dict[str, Any] | None = None) -> MemoryRow:
        return cls(
            capture.haystack, capture.type_webhook, capture.chat, capture.id_message,
            capture.receipt_id, capture.received_at, capture.shape_errors, capture.shape_notes,
            body,
        )  # fmt: skip


def body(n: int, instance: int = INSTANCE, **extra: Any) -> dict[str, Any]:
    """An incomingMessageReceived body numbered `n` (non-ASCII text included)."""
    return {
        "typeWebhook": "incomingMessageReceived",
        "instanceData": {
            "idInstance": instance,
            "wid": "79001234567@c.us",
            "typeInstance": "whatsapp",
        },
        "timestamp": 1588091580 + n,
        "idMessage": f"MSG{n:06d}",
        "senderData": {
            "chatId": "79001234567@c.us",
            "sender": "79001234567@c.us",
            "senderName": "Тест",
        },
        "messageData": {
            "typeMessage": "textMessage",
            "textMessageData": {"textMessage": f"сообщение {n} ✅"},
        },
        **extra,
    }


# --- a scripted server: answers each request with the next scripted reply -------------------


@dataclass
class Reply:
    """One scripted answer. kind: 'http' (status/headers/body), 'reset', 'truncated', 'hang',
    'stream' (chunked: `body` sent `repeat` times, `interval` seconds apart)."""

    kind: str = "http"
    status: int = 200
    body: bytes = b"null"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    repeat: int = 1
    interval: float = 0.0


def ok(data: str | bytes) -> Reply:
    """A 200 with this JSON text."""
    return Reply(body=data.encode() if isinstance(data, str) else data)


def stream(chunk: bytes, repeat: int, interval: float = 0.0, **headers: str) -> Reply:
    """A 200 whose chunked body is `chunk` sent `repeat` times, `interval` seconds apart."""
    return Reply(kind="stream", body=chunk, repeat=repeat, interval=interval, headers=headers)


@functools.cache
def gzip_bomb(mebibytes: int) -> bytes:
    """A valid gzip stream of `mebibytes` MiB of zeros (about 1 KiB per MiB), built fast.

    After a full flush deflate forgets the past, so one compressed MiB can be repeated.
    """
    block = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    again = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mebibytes):
        crc = zlib.crc32(block, crc)
    trailer = struct.pack("<II", crc, (mebibytes << 20) & 0xFFFFFFFF)
    return first[: len(first) - len(again)] + again * mebibytes + b"\x03\x00" + trailer


def self_signed_tls(directory) -> ssl.SSLContext:
    """A server TLS context with a fresh self-signed certificate for 127.0.0.1 (in `directory`)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "cert.pem", directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


def status(code: int, text: str = '{"error": "scripted"}', **headers: str) -> Reply:
    """An error status with a body and headers."""
    return Reply(status=code, body=text.encode(), headers=headers)


class ScriptedServer:
    """A raw HTTP/1.1 server on loopback that plays `script` in order, one reply per request.

    Requests are recorded as (time, method, path), their bodies in `bodies`. After the script:
    `idle` (default: `null` after 0.2 s, like a short long poll). With `only`, other paths get a
    plain 200. Runs on its own thread so subprocesses can use it. With `tls` (a server
    SSLContext) it speaks https.
    """

    def __init__(
        self,
        script: list[Reply],
        idle: Reply | None = None,
        only: str = "",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.script = list(script)
        self.idle = idle or Reply(delay=0.2)
        self.only = only  # script only paths containing this; others get an empty answer
        self.requests: list[tuple[float, str, str]] = []
        self.bodies: list[bytes] = []  # request bodies, in order
        self.headers: list[dict[str, str]] = []  # request headers (names lower-cased), in order
        self.connections: list[tuple[str, int]] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._tls = tls
        self.url = ""

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        async def close() -> None:
            self._server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def paths(self, method: str | None = None) -> list[str]:
        """Request paths seen so far (of one method, if given)."""
        return [p for _, m, p in self.requests if method in (None, m)]

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self._tls)
        scheme = "https" if self._tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections.append(writer.get_extra_info("peername"))
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path, _ = lines[0].split(" ", 2)
                fields = dict(
                    (name.strip().lower(), value.strip())
                    for name, _, value in (line.partition(":") for line in lines[1:] if line)
                )
                self.headers.append(fields)
                length = int(fields.get("content-length", 0))
                self.bodies.append(await reader.readexactly(length) if length else b"")
                self.requests.append((time.monotonic(), method, path))
                if self.only and self.only not in path:
                    reply = ok('{"count": 0, "result": true}')
                else:
                    reply = self.script.pop(0) if self.script else self.idle
                if reply.delay:
                    await asyncio.sleep(reply.delay)
                if reply.kind == "hang":
                    await asyncio.sleep(3600)
                if reply.kind == "reset":
                    writer.transport.abort()
                    return
                headers = {"Content-Type": "application/json", **reply.headers}
                if reply.kind == "stream":
                    await self._stream(writer, reply, headers)
                    continue
                length_claimed = len(reply.body) * (2 if reply.kind == "truncated" else 1)
                out = [f"HTTP/1.1 {reply.status} X"]
                out += [f"{k}: {v}" for k, v in headers.items()]
                out += [f"Content-Length: {length_claimed}", "", ""]
                writer.write("\r\n".join(out).encode() + reply.body)
                await writer.drain()
                if reply.kind == "truncated":
                    writer.close()
                    return
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            writer.close()

    @staticmethod
    async def _stream(writer: asyncio.StreamWriter, reply: Reply, headers: dict) -> None:
        out = [f"HTTP/1.1 {reply.status} X", *(f"{k}: {v}" for k, v in headers.items())]
        writer.write("\r\n".join([*out, "Transfer-Encoding: chunked", "", ""]).encode())
        chunk = f"{len(reply.body):x}\r\n".encode() + reply.body + b"\r\n"
        for _ in range(reply.repeat):
            writer.write(chunk)
            await writer.drain()
            if reply.interval:
                await asyncio.sleep(reply.interval)
        writer.write(b"0\r\n\r\n")
        await writer.drain()


# --- running the CLI as a user would ------------------------------------------------------


def cli_env(token: str | None = TOKEN) -> dict[str, str]:
    """The environment for a CLI subprocess, with the token in GREEN_API_TOKEN."""
    env = {k: v for k, v in os.environ.items() if k != "GREEN_API_TOKEN"}
    if token is not None:
        env["GREEN_API_TOKEN"] = token
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(*args: str, token: str | None = TOKEN, stdin: bytes = b""):
    """Run `greenconsole ARGS` to its end and return a CompletedProcess (bytes).

    In this process: the same `main()` the `greenconsole` script calls, with stdin, stdout, stderr
    and $GREEN_API_TOKEN of its own (a Python start costs ~0.2 s of CPU, and the suite runs
    hundreds). What needs a real process — signals, kills, what a command imports — uses
    `start_cli` or a subprocess.
    """
    from greenconsole.cli import main

    saved = sys.stdin, sys.stdout, sys.stderr, os.environ.get("GREEN_API_TOKEN")
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
    if token is None:
        os.environ.pop("GREEN_API_TOKEN", None)
    else:
        os.environ["GREEN_API_TOKEN"] = token
    try:
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    finally:
        for wrapper in (sys.stdout, sys.stderr):
            wrapper.flush()
            wrapper.detach()  # keep the bytes (closing the wrapper would close them)
        sys.stdin, sys.stdout, sys.stderr, previous = saved
        if previous is None:
            os.environ.pop("GREEN_API_TOKEN", None)
        else:
            os.environ["GREEN_API_TOKEN"] = previous
    return subprocess.CompletedProcess(
        ["greenconsole", *args], code, out.getvalue(), err.getvalue()
    )


def start_cli(*args: str) -> subprocess.Popen:
    """Start `python -m greenconsole ARGS` in the background, stdout and stderr piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "greenconsole", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
    )


def receive_args(url: str, *extra: str) -> tuple[str, ...]:
    """`receive --api-url URL --instance INSTANCE EXTRA…` as CLI arguments."""
    return ("receive", "--api-url", url, "--instance", str(INSTANCE), *extra)


def assert_clean(proc, token: str = TOKEN) -> None:
    """No traceback and no token in anything the process printed."""
    for stream in (proc.stdout, proc.stderr):
        text = stream.decode("utf-8", "replace")
        assert "Traceback" not in text, text
        assert token not in text


# --- the sandbox, over HTTP ------------------------------------------------------------------


def post_all(sandbox: Sandbox, bodies) -> None:
    """POST bodies to the sandbox's debug webhook, in order."""
    with httpx.Client() as http:
        for item in bodies:
            http.post(sandbox.webhook_url, json=item).raise_for_status()


def queue_count(sandbox: Sandbox) -> int:
    """The sandbox queue's depth, asked over HTTP."""
    url = f"{sandbox.url}/waInstance{INSTANCE}/getWebhooksCount/{TOKEN}"
    return httpx.get(url).json()["count"]


def drain_queue(sandbox: Sandbox) -> list[dict]:
    """Receive and delete everything queued, over HTTP; the bodies in order."""
    out = []
    base = f"{sandbox.url}/waInstance{INSTANCE}"
    while queue_count(sandbox):
        got = httpx.get(f"{base}/receiveNotification/{TOKEN}").json()
        httpx.delete(f"{base}/deleteNotification/{TOKEN}/{got['receiptId']}")
        out.append(got["body"])
    return out


def capture(sandbox: Sandbox, journal, bodies) -> None:
    """Post `bodies`, then let `greenconsole receive --delete` journal them into `journal`."""
    post_all(sandbox, bodies)
    proc = run_cli(
        *receive_args(sandbox.url, "--delete", "--max", str(len(bodies)), "--journal", str(journal))
    )
    assert proc.returncode == 0, proc.stderr
