"""`greenconsole emulator` as a process: first line, demo instance, clean stop on signals."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import httpx
import pytest

from tests.sandbox.helpers import start_emulator as start
from tests.support import TOKEN, body


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_stops_cleanly_within_2_s_even_with_a_long_poll_open(signum):
    proc, url = start("--instance", f"5:{TOKEN}")
    with httpx.Client(timeout=70) as http:
        http.post(url + "/", json=body(1, instance=5)).raise_for_status()
        assert http.get(f"{url}/waInstance5/getWebhooksCount/{TOKEN}").json() == {"count": 1}
        http.delete(f"{url}/waInstance5/clearWebhooksQueue/{TOKEN}")
    poller = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import httpx; httpx.get('{url}/waInstance5/receiveNotification/"
            f"{TOKEN}?receiveTimeout=60', timeout=70)",
        ],
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    started = time.monotonic()
    proc.send_signal(signum)
    assert proc.wait(5) == 0
    assert time.monotonic() - started < 2
    poller.kill()
    assert b"Traceback" not in proc.stderr.read()


def test_demo_instance_is_described_without_its_token():
    proc, url = start()
    try:
        line = proc.stderr.readline().decode()
        assert "1101000001" in line and "--instance" in line
        # the demo token is random and never printed: the API refuses a guess
        assert httpx.get(f"{url}/waInstance1101000001/getWebhooksCount/guess").status_code == 401
    finally:
        proc.terminate()
        assert proc.wait(5) == 0


def test_bad_instance_option_is_one_line():
    proc = subprocess.run(
        [sys.executable, "-m", "greenconsole", "emulator", "--instance", "abc"],
        capture_output=True,
        timeout=30,
    )
    assert proc.returncode == 2
    assert proc.stderr.decode().strip().count("\n") == 0 and "--instance" in proc.stderr.decode()


def test_emulator_send_options_shape_what_send_message_yields():
    """--send-steps and --send-outcome: a sent message's notifications, as QA wants them."""
    import httpx

    from tests.sandbox.helpers import start_emulator, stop
    from tests.support import INSTANCE, TOKEN

    proc, url = start_emulator(
        "--instance", str(INSTANCE), "--count-lag", "0", "--send-steps", "0,0,0",
        "--send-outcome", "failed", token=TOKEN,
    )  # fmt: skip
    try:
        base = f"{url}/waInstance{INSTANCE}"
        sent = httpx.post(
            f"{base}/sendMessage/{TOKEN}", json={"chatId": "79001112233@c.us", "message": "hi"}
        ).json()
        kinds = []
        for _ in range(3):
            got = httpx.get(f"{base}/receiveNotification/{TOKEN}").json()
            httpx.delete(f"{base}/deleteNotification/{TOKEN}/{got['receiptId']}")
            body = got["body"]
            assert body["idMessage"] == sent["idMessage"]
            kinds.append(body.get("status", body["typeWebhook"]))
        assert kinds == ["outgoingAPIMessageReceived", "sent", "failed"]
    finally:
        stop(proc)
