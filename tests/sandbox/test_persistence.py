"""A sandbox with a state file behaves like a server: restarts (even kills) lose nothing."""

from __future__ import annotations

import json
import signal
import socket
import stat

import httpx

from greenconsole.sandbox import Sandbox, default_state_path
from tests.sandbox.helpers import start_emulator, stop
from tests.support import INSTANCE, TOKEN, body, run_cli


def api(url: str, method: str) -> str:
    return f"{url}/waInstance{INSTANCE}/{method}/{TOKEN}"


def receive(url: str, n: int) -> list[tuple[int, str]]:
    """(receiptId, idMessage) of the next `n` queued, deleting each; then the queue is empty."""
    out = []
    with httpx.Client() as http:
        for _ in range(n):
            got = http.get(api(url, "receiveNotification")).json()
            out.append((got["receiptId"], got["body"]["idMessage"]))
            http.delete(f"{api(url, 'deleteNotification')}/{got['receiptId']}").raise_for_status()
        assert http.get(api(url, "getWebhooksCount")).json() == {"count": 0}
    return out


def test_restart_keeps_the_queue_in_order_and_receipts_keep_increasing(tmp_path):
    state = tmp_path / "state" / "sandbox.db"
    proc, url = start_emulator("--instance", str(INSTANCE), "--state", str(state), token=TOKEN)
    with httpx.Client() as http:
        receipts = [http.post(url + "/", json=body(n)).json()["receiptId"] for n in range(4)]
        http.delete(f"{api(url, 'deleteNotification')}/{receipts[0]}").raise_for_status()
    stop(proc)
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700

    # no --instance this time: the instance and its token come from the state file
    again, url_again = start_emulator("--state", str(state), "--count-lag", "0")
    try:
        assert url_again == url  # the last port is tried first
        with httpx.Client() as http:
            assert http.get(api(url, "getWebhooksCount")).json() == {"count": 3}
            new = http.post(url + "/", json=body(9)).json()["receiptId"]
        assert new > max(receipts)
        assert receive(url, 4) == [
            *zip(receipts[1:], ["MSG000001", "MSG000002", "MSG000003"], strict=True),
            (new, "MSG000009"),
        ]
    finally:
        stop(again)


def test_a_post_answered_200_survives_sigkill_right_after(tmp_path):
    state = tmp_path / "sandbox.db"
    proc, url = start_emulator("--instance", str(INSTANCE), "--state", str(state), token=TOKEN)
    with httpx.Client() as http:
        receipts = [http.post(url + "/", json=body(n)).json()["receiptId"] for n in range(3)]
    proc.send_signal(signal.SIGKILL)
    proc.wait(5)
    again, url = start_emulator("--state", str(state), "--count-lag", "0")
    try:
        with httpx.Client() as http:
            assert http.post(url + "/", json=body(3)).json()["receiptId"] > receipts[-1]
        assert [m for _, m in receive(url, 4)] == [f"MSG00000{n}" for n in range(4)]
    finally:
        stop(again)


async def test_a_taken_port_falls_back_to_a_free_one_and_the_surrogate_survives(tmp_path):
    state = tmp_path / "sandbox.db"
    payload = json.dumps(body(1)).replace("\\u2705", "\\ud83d")
    async with (
        Sandbox(instances={INSTANCE: TOKEN}, state_path=state) as first,
        httpx.AsyncClient() as http,
    ):
        assert (await http.post(first.webhook_url, content=payload)).status_code == 200
    with socket.create_server(("127.0.0.1", first.port)):  # someone else took the port
        async with Sandbox(state_path=state) as second, httpx.AsyncClient() as http:
            assert second.port != first.port and second.first_instance == (INSTANCE, TOKEN)
            got = await http.get(api(second.url, "receiveNotification"))
            assert "\\ud83d" in got.content.decode("utf-8")
    async with Sandbox(state_path=state) as third:
        assert third.port == second.port  # the port it last listened on


def test_a_damaged_state_file_is_moved_aside_with_one_line_and_the_sandbox_starts_empty(
    tmp_path,
):
    state = tmp_path / "sandbox.db"
    state.write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    proc, url = start_emulator("--instance", str(INSTANCE), "--state", str(state), token=TOKEN)
    try:
        line = proc.stderr.readline().decode()
        assert "unreadable" in line and "damaged-" in line and "Traceback" not in line
        assert httpx.get(api(url, "getWebhooksCount")).json() == {"count": 0}
    finally:
        stop(proc)
    aside = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")


def test_the_window_state_path_is_in_the_user_data_dir(private_dirs):
    path = default_state_path()
    assert path.is_relative_to(private_dirs / "xdg_data_home")
    assert "greenconsole" in path.parts


def test_a_second_sandbox_on_the_same_state_file_is_refused_and_the_window_falls_back(private_dirs):
    first = Sandbox.persistent()
    try:
        assert first.store is not None and not first.notice
        proc = run_cli("emulator", "--state", str(default_state_path()), token=None)
        assert proc.returncode == 2 and "in use" in proc.stderr.decode()
        second = Sandbox.persistent()
        assert second.store is None and "in use" in second.notice
    finally:
        first.store.close()
    third = Sandbox.persistent()  # free again
    assert third.store is not None
    third.store.close()


async def test_stopping_twice_leaves_other_files_alone(tmp_path):
    sandbox = Sandbox(state_path=tmp_path / "state.db")
    await sandbox.start()
    await sandbox.stop()
    with open(tmp_path / "other.txt", "w") as other:  # likely gets the lock's old fd number
        await sandbox.stop()  # a window's aclose can run twice
        other.write("still open")
    assert (tmp_path / "other.txt").read_text() == "still open"
