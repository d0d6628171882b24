"""The baseline every benchmark prints beside its figures: a minimal httpx drain loop."""

from __future__ import annotations

import time

import httpx


async def raw_httpx_drain(url: str, instance: int, token: str, n: int) -> float:
    """Receive + delete n notifications on one keep-alive connection; returns the seconds."""
    base = f"{url}/waInstance{instance}"
    started = time.perf_counter()
    async with httpx.AsyncClient(timeout=30) as http:
        done = 0
        while done < n:
            got = (await http.get(f"{base}/receiveNotification/{token}?receiveTimeout=5")).json()
            if got is not None:
                await http.delete(f"{base}/deleteNotification/{token}/{got['receiptId']}")
                done += 1
    return time.perf_counter() - started
