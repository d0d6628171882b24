"""The sandbox's HTTP side: GREEN-API's notification methods, the debug webhook, JSON errors.

Every error is a JSON `{"error": ...}` answer that names the problem and never echoes the request
line (which holds the token); bad HTTP gets the same instead of aiohttp's text pages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

from greenconsole import jsontext
from greenconsole.protocol.settings import CHAT_ID
from greenconsole.sandbox.delivery import WebhookDelivery
from greenconsole.sandbox.faults import Faults
from greenconsole.sandbox.state import InstanceQueue, SandboxState

MAX_BODY = 31 * 1024 * 1024
"""The debug webhook refuses bodies larger than this (31 MiB: with its receiptId around it, a
body it takes is still under the client's 32 MiB answer cap)."""
RECEIVE_TIMEOUT = 5
"""receiveNotification waits this long when receiveTimeout is absent (today's GREEN-API)."""
SEND_TIMEOUT = 30.0
"""An answer the client has not taken within this many seconds ends its connection."""
MAX_DIGITS = 19
"""idInstance and receiptId are at most this long (they fit in 64 bits)."""

log = logging.getLogger(__name__)
STATE_KEY = web.AppKey("state", SandboxState)
FAULTS_KEY = web.AppKey("faults", Faults)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def json_response(data: Any, status: int = 200) -> web.Response:
    """A JSON answer in UTF-8, non-ASCII kept, lone surrogates escaped."""
    return json_text(jsontext.dumps(data), status)


def json_text(text: str, status: int = 200) -> web.Response:
    """An answer of ready JSON text."""
    return web.Response(text=text, status=status, content_type="application/json")


def error(status: int, message: str) -> web.Response:
    """A JSON error answer."""
    return json_response({"error": message}, status)


class BadInput(Exception):
    """A request the sandbox refuses with 400 and this message."""


def number(text: str, field: str) -> int:
    """A decimal id from the URL: ASCII digits only, at most MAX_DIGITS of them."""
    if not (text.isascii() and text.isdigit()):
        raise BadInput(f"Parameter {field} must be a Number")
    if len(text) > MAX_DIGITS:
        raise BadInput(f"Parameter {field} must be at most {MAX_DIGITS} digits")
    return int(text)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Add the latency; answer every error in JSON (no traceback, no token); end slow readers."""
    latency = request.app[FAULTS_KEY].latency
    if latency > 0:
        await asyncio.sleep(latency)
    try:
        response = await handler(request)
    except BadInput as exc:
        response = error(400, str(exc))
    except web.HTTPRequestEntityTooLarge:
        response = error(413, f"body: larger than {MAX_BODY} bytes")
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        response = error(exc.status, exc.reason)
    except Exception:
        # name the method, never the path: the path holds the token
        log.exception("sandbox: unexpected error in %s", request.match_info.get("method", "/"))
        response = error(500, "internal sandbox error")
    try:
        await asyncio.wait_for(deliver(request, response), SEND_TIMEOUT)
    except TimeoutError:
        if request.transport is not None:
            request.transport.abort()
    return response


async def deliver(request: web.Request, response: web.StreamResponse) -> None:
    """Send the whole answer (it waits while the client does not read)."""
    await response.prepare(request)
    await response.write_eof()


def instance(request: web.Request) -> InstanceQueue:
    """The addressed instance, after the same checks as the real API (403, then 401)."""
    id_instance = number(request.match_info["id"], "idInstance")
    queue = request.app[STATE_KEY].instances.get(id_instance)
    if queue is None:
        raise web.HTTPForbidden(reason="unknown idInstance")
    if request.match_info["token"] != queue.token:
        raise web.HTTPUnauthorized(reason="wrong apiTokenInstance")
    return queue


async def receive_notification(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Long poll for the head of the queue; `null` when the wait ends empty."""
    raw = request.query.get("receiveTimeout", str(RECEIVE_TIMEOUT))
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 2 and 5 <= int(raw) <= 60):
        raise BadInput("receiveTimeout: expected an integer from 5 to 60")
    head = await queue.head(int(raw))
    if head is None:
        return json_response(None)
    receipt_id, text = head
    return json_text(f'{{"receiptId":{receipt_id},"body":{text}}}')


async def delete_notification(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Delete a receipt: `{"result": true}` when it was queued, false otherwise."""
    receipt_id = number(request.match_info["receipt"], "receiptId")
    return json_response({"result": queue.delete(receipt_id)})


async def get_webhooks_count(request: web.Request, queue: InstanceQueue) -> web.Response:
    """How many notifications wait in the queue (refreshed every count_lag seconds)."""
    return json_response({"count": queue.count()})


async def json_body(request: web.Request) -> Any:
    """The request's JSON body; BadInput names what is wrong with it."""
    try:
        return jsontext.loads(await request.read())
    except jsontext.JsonTextError as exc:
        raise BadInput(f"body: {exc}") from None


def minutes(request: web.Request) -> int:
    """The journals' `minutes` parameter (default 1440)."""
    text = request.query.get("minutes", "1440")
    if not (text.isascii() and text.isdigit() and len(text) <= 9 and int(text) > 0):
        raise BadInput("Parameter minutes must be a positive Number")
    return int(text)


def text_field(body: Any, name: str) -> str:
    """A non-empty string field of a JSON object body."""
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, str) or not value:
        raise BadInput(f"{name}: missing or not a string")
    return value


async def get_state_instance(request: web.Request, queue: InstanceQueue) -> web.Response:
    """The instance's state (`starting` while it reboots)."""
    return json_response({"stateInstance": queue.account.state_now()})


async def get_settings(request: web.Request, queue: InstanceQueue) -> web.Response:
    """The settings in force."""
    return json_response(queue.account.settings)


async def set_settings(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Save settings; the instance reboots and applies them at the end of it."""
    try:
        queue.save_settings(await json_body(request))
    except ValueError as exc:
        raise BadInput(str(exc)) from None
    return json_response({"saveSettings": True})


async def last_incoming(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Incoming messages of the last `minutes` the journal shows, newest first."""
    return json_response(queue.account.last("incoming", minutes(request)))


async def last_outgoing(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Outgoing messages of the last `minutes` the journal shows, newest first."""
    return json_response(queue.account.last("outgoing", minutes(request)))


async def get_message(request: web.Request, queue: InstanceQueue) -> web.Response:
    """One message of a chat from the journal."""
    body = await json_body(request)
    chat_id, id_message = text_field(body, "chatId"), text_field(body, "idMessage")
    entry = queue.account.message(chat_id, id_message)
    if entry is None:
        return error(400, f"idMessage: no message {id_message} in chat {chat_id}")
    return json_response(entry)


async def send_message(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Send a text: its idMessage now, its notifications in the seconds after."""
    body = await json_body(request)
    chat_id, text = text_field(body, "chatId"), text_field(body, "message")
    if not CHAT_ID.fullmatch(chat_id):
        raise BadInput("chatId: expected a chat id such as 79001234567@c.us")
    return json_response({"idMessage": queue.send_message(chat_id, text)})


async def clear_webhooks_queue(request: web.Request, queue: InstanceQueue) -> web.Response:
    """Drop every queued notification; within a minute of the last clear, say how long to wait."""
    left = queue.clear()
    if left:
        return json_response({"isCleared": False, "reason": "Too many requests", "leftTime": left})
    return json_response({"isCleared": True, "reason": ""})


@dataclass(frozen=True)
class Method:
    """One API method: its HTTP verb, handler, fault/limit name and whether it takes a receiptId."""

    verb: str
    run: Callable[[web.Request, InstanceQueue], Awaitable[web.Response]]
    name: str
    takes_receipt: bool = False
    while_starting: bool = False
    """Answered while the instance reboots (others get 400 "Instance in starting process")."""
    needs_authorized: bool = False
    """Refused with 400 "instance account not authorized" unless the instance is authorized."""


METHODS = {
    "receivenotification": Method("GET", receive_notification, "receive"),
    "deletenotification": Method("DELETE", delete_notification, "delete", takes_receipt=True),
    "getwebhookscount": Method("GET", get_webhooks_count, "count"),
    "clearwebhooksqueue": Method("DELETE", clear_webhooks_queue, "clear"),
    "getstateinstance": Method("GET", get_state_instance, "getStateInstance", while_starting=True),
    "getsettings": Method("GET", get_settings, "getSettings", while_starting=True),
    "setsettings": Method("POST", set_settings, "setSettings"),
    "lastincomingmessages": Method("GET", last_incoming, "lastIncomingMessages"),
    "lastoutgoingmessages": Method("GET", last_outgoing, "lastOutgoingMessages"),
    "getmessage": Method("POST", get_message, "getMessage"),
    "sendmessage": Method("POST", send_message, "sendMessage", needs_authorized=True),
}
"""By lower-case name: GREEN-API takes method names in any case."""
STARTING = {"error": "Instance in starting process try later"}
NOT_AUTHORIZED = {"error": "instance account not authorized"}


async def api(request: web.Request) -> web.Response:
    """Route `/waInstance{id}/{method}/{token}[/{receipt}]`, then inject any fault."""
    method = METHODS.get(request.match_info["method"].lower())
    if method is None or method.takes_receipt != ("receipt" in request.match_info):
        raise web.HTTPNotFound(reason="unknown method")
    if request.method != method.verb:
        raise web.HTTPMethodNotAllowed(request.method, [method.verb], reason="use " + method.verb)
    queue = instance(request)
    fault = request.app[FAULTS_KEY].pick(queue.id_instance, method.name)
    if fault is not None:
        return json_response(fault[1], fault[0])
    queue.tick()
    state = queue.account.state_now()
    if state == "starting" and not method.while_starting:
        return json_response(STARTING, 400)
    if method.needs_authorized and state != "authorized":
        return json_response(NOT_AUTHORIZED, 400)
    return await method.run(request, queue)


def _id_instance(body: dict[str, Any]) -> int:
    instance_data = body.get("instanceData")
    value = instance_data.get("idInstance") if isinstance(instance_data, dict) else None
    if isinstance(value, str):
        return number(value, "instanceData.idInstance")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**63:
        return value
    raise BadInput("instanceData.idInstance: missing or not a number")


async def post_webhook(request: web.Request) -> web.Response:
    """The debug webhook: a notification body for its instanceData.idInstance, sent as the
    instance would send it (queued, or to its webhookUrl; not at all if its setting is "no")."""
    body = await json_body(request)
    if not isinstance(body, dict):
        raise BadInput("body: expected a JSON object")
    if not isinstance(body.get("typeWebhook"), str) or not body["typeWebhook"]:
        raise BadInput("typeWebhook: missing")
    id_instance = _id_instance(body)
    queue = request.app[STATE_KEY].instances.get(id_instance)
    if queue is None:
        return error(404, f"instanceData.idInstance: unknown instance {id_instance}")
    queue.tick()
    notified = queue.notify(body)
    answer: dict[str, Any] = {"result": True, "receiptId": notified.receipt_id}
    if notified.forwarded:
        answer["forwarded"] = queue.account.settings["webhookUrl"]
    if notified.skipped:
        answer["notSent"] = notified.skipped
    return json_response(answer)


def create_app(
    state: SandboxState, faults: Faults, delivery: WebhookDelivery | None = None
) -> web.Application:
    """The aiohttp application serving `state`, misbehaving as `faults` says; notifications for
    an instance with a webhookUrl go out through `delivery`."""
    app = web.Application(middlewares=[guard], client_max_size=MAX_BODY)
    app[STATE_KEY] = state
    app[FAULTS_KEY] = faults
    delivery = delivery or WebhookDelivery()
    state.forward = delivery.put
    state.lose = faults.lose

    async def close_delivery(app: web.Application) -> None:
        await delivery.close()

    app.on_cleanup.append(close_delivery)
    app.router.add_route("*", "/waInstance{id}/{method}/{token}", api)
    app.router.add_route("*", "/waInstance{id}/{method}/{token}/{receipt}", api)
    app.router.add_post("/", post_webhook)
    return app


class JsonErrorConnection(RequestHandler):
    """aiohttp's connection handler, answering bad HTTP in JSON without echoing or logging it."""

    def handle_error(
        self,
        request: Any,
        status: int = 500,
        exc: BaseException | None = None,
        message: str | None = None,
    ) -> web.StreamResponse:
        """A JSON error naming only the status (aiohttp's page would quote the request line)."""
        if request.writer.output_size > 0:
            raise ConnectionError("answer already under way")
        response = error(status, HTTPStatus(status).phrase)
        response.force_close()
        return response


class Busy(asyncio.Protocol):
    """A connection over the cap: a 503 answer, then the connection ends."""

    def __init__(self, message: bytes) -> None:
        self._message = message

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Answer at once and half-close; drop the connection after 2 s if the client lingers."""
        assert isinstance(transport, asyncio.Transport)
        head = (
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(self._message)}\r\nConnection: close\r\n\r\n"
        )
        transport.write(head.encode() + self._message)
        transport.write_eof()
        self._timer = asyncio.get_running_loop().call_later(2.0, transport.abort)

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the linger timer."""
        self._timer.cancel()


def connection_factory(server: web.Server, max_connections: int) -> Callable[[], asyncio.Protocol]:
    """The protocol factory for `loop.create_server`: JSON errors, at most `max_connections`."""
    loop = asyncio.get_running_loop()
    busy = jsontext.utf8(
        jsontext.dumps({"error": f"too many connections (the sandbox serves {max_connections})"})
    )

    def make() -> asyncio.Protocol:
        if len(server.connections) >= max_connections:
            return Busy(busy)
        # no access log: its lines would hold request paths, and so tokens
        return JsonErrorConnection(server, loop=loop, access_log=None)  # type: ignore[arg-type]

    return make
