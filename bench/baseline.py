"""The minimal receive+delete loops every benchmark prints beside its figures.

Each drains n notifications, one receive then one delete each, on one keep-alive connection,
and returns the seconds it took; `marks` (if given) gets the time of each delete's answer.

- `socket_drain`: blocking stdlib socket, HTTP/1.1 written and parsed by hand — the least Python
  can do per request (a floor for the client's cost: what is left is the server's);
- `aiohttp_drain`: raw aiohttp (C parser), the fastest asyncio client;
- `console_transport_drain`: httpx's API over the console's own transport (aiohttp);
- `sync_httpx_drain`: httpx.Client (httpcore, sync);
- `raw_httpx_drain`: httpx.AsyncClient on its default transport (httpcore over anyio);
- `sdk_drain`: the official SDK's own loop (whatsapp-api-client-python, requests).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import httpx

from greenconsole.protocol.client import http_client

Marks = list[float] | None


def _paths(instance: int, token: str) -> tuple[str, str]:
    base = f"/waInstance{instance}"
    return (
        f"{base}/receiveNotification/{token}?receiveTimeout=5",
        f"{base}/deleteNotification/{token}/",
    )


async def _async_drain(
    get: Callable[[str], Awaitable[Any]],
    delete: Callable[[str], Awaitable[object]],
    instance: int,
    token: str,
    n: int,
    marks: Marks,
) -> float:
    receive, remove = _paths(instance, token)
    started = time.perf_counter()
    done = 0
    while done < n:
        got = await get(receive)
        if got is not None:
            await delete(f"{remove}{got['receiptId']}")
            done += 1
            if marks is not None:
                marks.append(time.perf_counter())
    return time.perf_counter() - started


async def aiohttp_drain(url: str, instance: int, token: str, n: int, marks: Marks = None) -> float:
    """Raw aiohttp, one session."""
    async with aiohttp.ClientSession(url) as http:

        async def get(path: str) -> Any:
            async with http.get(path) as response:
                return json.loads(await response.read())

        async def delete(path: str) -> None:
            async with http.delete(path) as response:
                await response.read()

        return await _async_drain(get, delete, instance, token, n, marks)


async def console_transport_drain(
    url: str, instance: int, token: str, n: int, marks: Marks = None
) -> float:
    """httpx.AsyncClient over the console's transport (greenconsole.protocol.transport)."""
    async with http_client(base_url=url, timeout=30) as http:

        async def get(path: str) -> Any:
            return (await http.get(path)).json()

        return await _async_drain(get, http.delete, instance, token, n, marks)


async def raw_httpx_drain(
    url: str, instance: int, token: str, n: int, marks: Marks = None
) -> float:
    """httpx.AsyncClient on httpx's default transport."""
    async with httpx.AsyncClient(base_url=url, timeout=30) as http:

        async def get(path: str) -> Any:
            return (await http.get(path)).json()

        return await _async_drain(get, http.delete, instance, token, n, marks)


def sync_httpx_drain(url: str, instance: int, token: str, n: int, marks: Marks = None) -> float:
    """httpx.Client (sync)."""
    receive, remove = _paths(instance, token)
    started = time.perf_counter()
    with httpx.Client(base_url=url, timeout=30) as http:
        done = 0
        while done < n:
            got = http.get(receive).json()
            if got is not None:
                http.delete(f"{remove}{got['receiptId']}")
                done += 1
                if marks is not None:
                    marks.append(time.perf_counter())
    return time.perf_counter() - started


def socket_drain(url: str, instance: int, token: str, n: int, marks: Marks = None) -> float:
    """A blocking socket and hand-written HTTP/1.1 (Content-Length answers only)."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    receive, remove = _paths(instance, token)
    started = time.perf_counter()
    with socket.create_connection((host, port)) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        pending = bytearray()

        def request(method: str, path: str) -> bytes:
            sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            while (end := pending.find(b"\r\n\r\n")) < 0:
                pending.extend(sock.recv(65536))
            head = bytes(pending[:end]).lower()
            length = int(head.split(b"content-length:", 1)[1].split(b"\r\n", 1)[0])
            while len(pending) < end + 4 + length:
                pending.extend(sock.recv(65536))
            answer = bytes(pending[end + 4 : end + 4 + length])
            del pending[: end + 4 + length]
            return answer

        done = 0
        while done < n:
            got = json.loads(request("GET", receive) or b"null")
            if got is not None:
                request("DELETE", f"{remove}{got['receiptId']}")
                done += 1
                if marks is not None:
                    marks.append(time.perf_counter())
    return time.perf_counter() - started


def sdk_drain(url: str, instance: int, token: str, n: int, marks: Marks = None) -> float:
    """The official SDK's startReceivingNotifications loop (its handler runs before its delete)."""
    from whatsapp_api_client_python import API

    green = API.GreenApi(str(instance), token, host=url)
    done = 0

    def on_event(_type: str, _body: dict) -> None:
        nonlocal done
        done += 1
        if marks is not None:
            marks.append(time.perf_counter())
        if done == n:
            green.webhooks.stopReceivingNotifications()

    started = time.perf_counter()
    worker = threading.Thread(target=green.webhooks.startReceivingNotifications, args=(on_event,))
    worker.start()
    worker.join()
    return time.perf_counter() - started
