"""The emulator as a server: quick clean stop under load, JSON 400s, no token anywhere, caps."""

from __future__ import annotations

import asyncio
import json
import select
import signal
import socket
import time

import httpx
import pytest

from greenconsole.sandbox import server
from tests.sandbox.helpers import raw_request, start_emulator, stop
from tests.support import INSTANCE, TOKEN, assert_clean, body, run_cli


def test_sigterm_with_300_long_polls_on_one_instance_exits_0_within_2_s():
    proc, url = start_emulator("--instance", "5", "--max-connections", "400", token=TOKEN)
    port = int(url.rsplit(":", 1)[1])
    polls = []
    try:
        for _ in range(300):
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(
                f"GET /waInstance5/receiveNotification/{TOKEN}?receiveTimeout=60 HTTP/1.1\r\n"
                "Host: sandbox\r\n\r\n".encode()
            )
            polls.append(sock)
        time.sleep(1.0)
        answered, _, _ = select.select(polls, [], [], 0)
        assert not answered  # all 300 are waiting in their long polls
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(5) == 0
        assert time.monotonic() - started < 2
    finally:
        for sock in polls:
            sock.close()
        proc.kill()
    assert b"Traceback" not in proc.stderr.read()


BAD = [
    ("GET", "/waInstance%C2%B2/getWebhooksCount/{token}", "idInstance"),
    ("GET", "/waInstance" + "9" * 5000 + "/getWebhooksCount/{token}", "idInstance"),
    ("DELETE", "/waInstance5/deleteNotification/{token}/%C2%B2", "receiptId must be a Number"),
    ("DELETE", "/waInstance5/deleteNotification/{token}/abc", "receiptId must be a Number"),
    ("DELETE", "/waInstance5/deleteNotification/{token}/" + "9" * 5000, "receiptId"),
    ("DELETE", "/waInstance5/deleteNotification/{token}/" + "9" * 30, "receiptId"),
    ("GET", "/waInstance5/receiveNotification/{token}?receiveTimeout=%C2%B2", "receiveTimeout"),
    ("GET", "/waInstance5/receiveNotification/{token}?receiveTimeout=" + "9" * 5000, "receive"),
]


def test_bad_input_is_a_json_400_and_the_token_is_never_echoed_or_logged():
    proc, url = start_emulator("--instance", "5", token=TOKEN)
    try:
        for method, path, word in BAD:
            request = f"{method} {path.format(token=TOKEN)} HTTP/1.1\r\nHost: s\r\n"
            status, answer = raw_request(url, f"{request}Connection: close\r\n\r\n".encode())
            assert status == 400, (path[:60], answer)
            assert word in json.loads(answer)["error"] and TOKEN not in answer.decode()
        for body_text in [
            '{"typeWebhook": "x", "instanceData": {"idInstance": "²"}}',
            '{"typeWebhook": "x", "instanceData": {"idInstance": ' + "9" * 5000 + "}}",
            '{"typeWebhook": "x", "instanceData": {"idInstance": 1e400}}',
        ]:
            answer = httpx.post(url + "/", content=body_text.encode())
            assert answer.status_code == 400 and "error" in answer.json()
        # bad HTTP (raw UTF-8 in the request line, a broken header): aiohttp's own page would
        # quote the request line with the token; ours is JSON naming only the status
        for request in [
            f"GET /waInstance5/getWebhooksCount/{TOKEN}/² HTTP/1.1\r\nHost: s\r\n\r\n".encode(),
            f"GET /waInstance5/getWebhooksCount/{TOKEN} HTTP/1.1\r\nBad Header\r\n\r\n".encode(),
            f"NOPE /waInstance5/x/{TOKEN}\r\n\r\n".encode(),
        ]:
            status, answer = raw_request(url, request)
            assert status == 400 and json.loads(answer) == {"error": "Bad Request"}
    finally:
        err = stop(proc)
    assert "Traceback" not in err and TOKEN not in err, err


def test_over_the_connection_cap_a_503_in_json():
    proc, url = start_emulator("--instance", "5", "--max-connections", "2", token=TOKEN)
    port = int(url.rsplit(":", 1)[1])
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(2)]
    try:
        time.sleep(0.3)
        status, answer = raw_request(url, b"GET / HTTP/1.1\r\nHost: s\r\n\r\n")
        assert status == 503 and "too many connections" in json.loads(answer)["error"]
        for sock in held:
            sock.close()
        time.sleep(0.3)
        assert httpx.get(f"{url}/waInstance5/getWebhooksCount/{TOKEN}").json() == {"count": 0}
    finally:
        stop(proc)


@pytest.mark.parametrize("how", ["env", "file", "inline"])
def test_instance_token_from_the_environment_a_file_or_inline(how, tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    args = {
        "env": ("--instance", "5"),
        "file": ("--instance", "5", "--token-file", str(token_file)),
        "inline": ("--instance", f"5:{TOKEN}"),
    }[how]
    proc, url = start_emulator(*args, token=TOKEN if how == "env" else None)
    try:
        assert httpx.get(f"{url}/waInstance5/getWebhooksCount/{TOKEN}").status_code == 200
    finally:
        assert TOKEN not in stop(proc)


def test_instance_without_a_token_is_one_line():
    proc = run_cli("emulator", "--instance", "5", token=None)
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    assert "GREEN_API_TOKEN" in proc.stderr.decode()
    assert_clean(proc)


async def test_a_client_that_does_not_read_its_answers_is_cut_off(loop_sandbox, monkeypatch):
    monkeypatch.setattr(server, "SEND_TIMEOUT", 0.5)
    item = body(1, instance=INSTANCE, pad="x" * 900_000)
    async with httpx.AsyncClient() as http:
        assert (await http.post(loop_sandbox.webhook_url, json=item)).status_code == 200
    _reader, writer = await asyncio.open_connection("127.0.0.1", loop_sandbox.port)
    request = f"GET /waInstance{INSTANCE}/receiveNotification/{TOKEN} HTTP/1.1\r\nHost: s\r\n\r\n"
    writer.write(request.encode() * 20)  # 20 answers of ~1 MB asked for, none read
    await writer.drain()
    await asyncio.sleep(1.5)
    runner_server = loop_sandbox._runner.server
    assert runner_server.connections == []  # the connection and its buffers are gone
    writer.close()
