"""The sandbox's HTTP routes: the GREEN-API notification methods and the debug webhook."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from greenconsole.sandbox.state import InstanceQueue, SandboxState

MAX_BODY = 1024 * 1024
"""The debug webhook refuses bodies larger than this (1 MiB)."""

log = logging.getLogger(__name__)
STATE_KEY = web.AppKey("state", SandboxState)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_response(data: Any, status: int = 200) -> web.Response:
    """A JSON answer with non-ASCII text kept as is."""
    return web.Response(
        text=json.dumps(data, ensure_ascii=False), status=status, content_type="application/json"
    )


def error(status: int, message: str) -> web.Response:
    """A JSON error answer."""
    return json_response({"error": message}, status)


@web.middleware
async def json_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer every error in JSON; never leak a traceback (or a token) to the client."""
    try:
        return await handler(request)
    except web.HTTPRequestEntityTooLarge:
        return error(413, f"body: larger than {MAX_BODY} bytes")
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        return error(exc.status, exc.reason)
    except Exception:
        log.exception("sandbox: unexpected error in %s %s", request.method, request.rel_url.name)
        return error(500, "internal sandbox error")


def _instance(request: web.Request) -> InstanceQueue:
    """The addressed instance, after the same checks as the real API (403, then 401)."""
    queue = request.app[STATE_KEY].instances.get(int(request.match_info["id"]))
    if queue is None:
        raise web.HTTPForbidden(reason="unknown idInstance")
    if request.match_info["token"] != queue.token:
        raise web.HTTPUnauthorized(reason="wrong apiTokenInstance")
    return queue


async def receive_notification(request: web.Request) -> web.Response:
    """Long poll for the head of the queue; `null` when the wait ends empty."""
    queue = _instance(request)
    raw_timeout = request.query.get("receiveTimeout", "20")
    if not raw_timeout.isdigit() or not 5 <= int(raw_timeout) <= 60:
        return error(400, f"receiveTimeout: expected an integer from 5 to 60, got {raw_timeout!r}")
    head = await queue.head(int(raw_timeout))
    if head is None:
        return json_response(None)
    receipt_id, body = head
    return json_response({"receiptId": receipt_id, "body": body})


async def delete_notification(request: web.Request) -> web.Response:
    """Delete a receipt: `{"result": true}` when it was queued, false otherwise."""
    queue = _instance(request)
    raw_receipt = request.match_info["receipt"]
    if not raw_receipt.isdigit():
        return error(400, f"receiptId: expected an integer, got {raw_receipt!r}")
    return json_response({"result": queue.delete(int(raw_receipt))})


async def get_webhooks_count(request: web.Request) -> web.Response:
    """How many notifications wait in the queue."""
    return json_response({"count": len(_instance(request))})


async def clear_webhooks_queue(request: web.Request) -> web.Response:
    """Drop every queued notification; within a minute of the last clear, say how long to wait."""
    left = _instance(request).clear()
    if left:
        return json_response({"isCleared": False, "reason": "Too many requests", "leftTime": left})
    return json_response({"isCleared": True, "reason": ""})


async def post_webhook(request: web.Request) -> web.Response:
    """The debug webhook: enqueue a notification body for its instanceData.idInstance."""
    raw = await request.read()
    try:
        body = json.loads(raw)
    except ValueError as exc:
        return error(400, f"body: not JSON ({exc})")
    if not isinstance(body, dict):
        return error(400, "body: expected a JSON object")
    if not isinstance(body.get("typeWebhook"), str) or not body["typeWebhook"]:
        return error(400, "typeWebhook: missing")
    instance_data = body.get("instanceData")
    id_instance = instance_data.get("idInstance") if isinstance(instance_data, dict) else None
    if isinstance(id_instance, bool) or not str(id_instance).isdigit():
        return error(400, "instanceData.idInstance: missing or not a number")
    queue = request.app[STATE_KEY].instances.get(int(id_instance))
    if queue is None:
        return error(404, f"instanceData.idInstance: unknown instance {id_instance}")
    receipt_id = await queue.put(body)
    return json_response({"result": True, "receiptId": receipt_id})


def create_app(state: SandboxState) -> web.Application:
    """The aiohttp application serving `state`."""
    app = web.Application(middlewares=[json_errors], client_max_size=MAX_BODY)
    app[STATE_KEY] = state
    prefix = r"/waInstance{id:\d+}"
    app.router.add_get(f"{prefix}/receiveNotification/{{token}}", receive_notification)
    app.router.add_delete(f"{prefix}/deleteNotification/{{token}}/{{receipt}}", delete_notification)
    app.router.add_get(f"{prefix}/getWebhooksCount/{{token}}", get_webhooks_count)
    app.router.add_delete(f"{prefix}/clearWebhooksQueue/{{token}}", clear_webhooks_queue)
    app.router.add_post("/", post_webhook)
    return app
