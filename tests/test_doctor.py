"""The instance doctor over loopback against the sandbox: each cause found and worded, fixes
read back until they hold, a lost save (green-api/issues #1096) said so."""

from __future__ import annotations

import pytest

from greenconsole import templates
from greenconsole.doctor import apply_settings, examine
from greenconsole.protocol.client import GreenApiClient
from greenconsole.sandbox import Sandbox, SandboxThread
from tests.sandbox.test_fidelity import Clock
from tests.support import INSTANCE, TOKEN, body, drain_queue, post_all, queue_count, run_cli


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
async def checked(clock):
    """(sandbox, client) with the sandbox on the test's loop and its clock in the test's hand."""
    sandbox = Sandbox(instances={INSTANCE: TOKEN}, clock=clock, reboot_time=60)
    async with sandbox, GreenApiClient(sandbox.url, INSTANCE, TOKEN) as client:
        yield sandbox, client


def queue_of(sandbox):
    return sandbox.state.instances[INSTANCE]


async def test_a_healthy_instance_has_no_findings(checked):
    _, client = checked
    checkup = await examine(client)
    assert checkup.state == "authorized" and checkup.findings == []


async def test_each_cause_is_found_with_its_fix(checked, clock):
    sandbox, client = checked
    queue = queue_of(sandbox)
    queue.account.settings.update(
        webhookUrl="https://alice:pa55@hooks.example:8443/s3cr3t?k=1", stateWebhook="no"
    )
    queue.set_state("notAuthorized")
    checkup = await examine(client)
    codes = [f.code for f in checkup.findings]
    assert codes == ["state", "webhookUrl", "kind-off"]
    words = " ".join(f.problem for f in checkup.findings)
    assert "not authorized" in words and "stateWebhook" in words
    assert "https://hooks.example:8443/…" in words
    assert "s3cr3t" not in words and "pa55" not in words  # its user:password, path, query
    assert checkup.fixes == {"webhookUrl": "", "stateWebhook": "yes"}


async def test_a_quota_notification_at_the_head_is_named_and_left_in_the_queue(checked, clock):
    sandbox, client = checked
    quota = templates.fill(templates.templates()["quotaExceeded"], INSTANCE, timestamp=int(clock()))
    queue_of(sandbox).notify(quota)
    queue_of(sandbox).notify(body(1))
    checkup = await examine(client)
    assert [f.code for f in checkup.findings] == ["quota-head"]
    assert f"receipt {checkup.head.receipt_id}" in checkup.findings[0].problem
    assert len(queue_of(sandbox)) == 2  # only looked at


async def test_a_head_near_the_24_hour_limit_is_reported(checked, clock):
    sandbox, client = checked
    queue_of(sandbox).notify(body(1, timestamp=int(clock.now) - 21 * 3600))
    checkup = await examine(client, now=clock)
    assert [f.code for f in checkup.findings] == ["old-head"]
    assert "21 h old" in checkup.findings[0].problem


async def test_a_fix_is_read_back_after_the_reboot(checked, clock):
    sandbox, client = checked
    queue_of(sandbox).account.settings["incomingWebhook"] = "no"
    reads = []

    async def sleep(seconds):
        reads.append(clock.now)
        clock.now += seconds  # the reboot (60 s) passes while the doctor waits

    unset = await apply_settings(
        client, {"incomingWebhook": "yes"}, sleep=sleep, clock=clock, within=300
    )
    assert unset == []
    assert len(reads) == 12  # read every 5 s until the 60 s reboot ended
    assert (await examine(client)).findings == []


async def test_a_lost_save_is_said_so(checked, clock):
    sandbox, client = checked
    sandbox.faults.set("setSettings:unsaved=100%")
    queue_of(sandbox).account.settings["incomingWebhook"] = "no"

    async def sleep(seconds):
        clock.now += seconds

    unset = await apply_settings(
        client, {"incomingWebhook": "yes"}, sleep=sleep, clock=clock, within=300
    )
    assert unset == ["incomingWebhook"]


def test_cli_doctor_finds_fixes_and_says_healthy():
    with SandboxThread(instances={INSTANCE: TOKEN}, reboot_time=0) as sandbox:
        url = ("--api-url", sandbox.url, "--instance", str(INSTANCE))
        assert (
            run_cli("doctor", *url)
            .stdout.decode()
            .endswith("no problem found: notifications should arrive\n")
        )
        sandbox.state.instances[INSTANCE].account.settings["incomingWebhook"] = "no"
        post_all(sandbox, [body(1)])
        assert queue_count(sandbox) == 0
        found = run_cli("doctor", *url)
        assert found.returncode == 1
        assert b"problem: incomingWebhook is 'no'" in found.stdout
        refused = run_cli("doctor", *url, "--fix")  # no terminal, no --yes: nothing changes
        assert refused.returncode == 2 and b"--yes" in refused.stderr
        fixed = run_cli("doctor", *url, "--fix", "--yes")
        assert fixed.returncode == 0, fixed.stderr
        assert b"fixed: incomingWebhook read back as set" in fixed.stdout
        post_all(sandbox, [body(2)])
        queued = drain_queue(sandbox)  # the reboot's stateInstanceChanged twice, then body 2
        assert [b.get("stateInstance", b.get("idMessage")) for b in queued] == [
            "starting",
            "authorized",
            "MSG000002",
        ]
        assert TOKEN.encode() not in fixed.stdout + fixed.stderr
