"""The Doctor tab on the embedded sandbox: a kind switched off is found, worded, and fixed after
a confirmation; the settings are read back; a logged-out instance is said so."""

from __future__ import annotations

import time

import httpx

from tests.support import body
from tests.ui.conftest import start_on_sandbox, wait_until


def test_doctor_finds_a_switched_off_kind_and_fixes_it(run, make_window):
    window = make_window()
    pane = window.pane

    async def scenario():
        await pane.use_sandbox()
        sandbox = window.context.sandbox
        queue = sandbox.state.instances[int(pane.form.settings().id_instance)]
        queue.account.settings["incomingWebhook"] = "no"
        queue.account.reboot_time = 0.2
        pane.doctor.read_back_every = 0.05
        pane.tabs.setCurrentWidget(pane.doctor)  # shown: it checks by itself
        await wait_until(lambda: pane.doctor.findings.count() == 1)
        problem, fix = pane.doctor.findings.item(0).text().split("\n")
        assert "incomingWebhook is 'no'" in problem
        assert fix == "→ fix: set incomingWebhook to yes"
        assert "1 problem(s) found" in pane.doctor.summary_label.text()
        await wait_until(pane.doctor.fix_button.isEnabled)  # once the check has ended

        pane.doctor.fix_button.click()
        dialog = pane.doctor.fix_dialog
        assert "reboots the instance" in dialog.text() and "5 minutes" in dialog.text()
        assert 'incomingWebhook = "yes"' in dialog.text()
        dialog.button(dialog.StandardButton.Yes).click()
        await wait_until(lambda: "settings hold" in pane.doctor.progress_label.text())
        await wait_until(lambda: pane.doctor.findings.count() == 0)
        assert queue.account.settings["incomingWebhook"] == "yes"
        assert "No problem found" in pane.doctor.summary_label.text()
        assert not pane.doctor.fix_button.isEnabled()

        queue.set_state("notAuthorized")
        await wait_until(pane.doctor.check_button.isEnabled)
        pane.doctor.check_button.click()
        await wait_until(lambda: pane.doctor.findings.count() == 1)
        assert "not authorized" in pane.doctor.findings.item(0).text()
        assert not pane.doctor.fix_button.isEnabled()  # nothing a setting can fix

    run(scenario())


def test_doctor_without_a_valid_form_says_what_to_do(run, make_window):
    window = make_window()
    pane = window.pane

    async def scenario():
        pane.tabs.setCurrentWidget(pane.doctor)
        assert pane.doctor.summary_label.text() == "Fill in the connection form to check."

    run(scenario())


def test_missing_notifications_are_found_in_the_window(run, make_window):
    window = make_window()
    pane = window.pane
    section = pane.doctor.missing

    async def scenario():
        await start_on_sandbox(pane)
        sandbox = window.context.sandbox
        instance = int(pane.form.settings().id_instance)
        now = int(time.time()) - 300  # older than the journals' lag
        async with httpx.AsyncClient() as http:
            await http.post(sandbox.webhook_url, json=body(1, instance, timestamp=now))
            sandbox.faults.drop = 100
            await http.post(sandbox.webhook_url, json=body(2, instance, timestamp=now))
            sandbox.faults.drop = 0
        await wait_until(lambda: pane.model.rowCount() == 1)
        pane.tabs.setCurrentWidget(pane.doctor)
        section.find_button.click()
        await wait_until(lambda: section.gaps.count() == 1)
        text = section.gaps.item(0).text()
        assert text.startswith("missing: ") and "MSG000002" in text
        assert "1 missing" in section.result_label.text()
        assert "79001234567@c.us" in text
        pane.set_presentation(True)  # screen sharing: the chat's number is masked there too
        assert "7900•••4567@c.us" in section.gaps.item(0).text()

    run(scenario())


def test_a_language_switch_during_a_fix_asks_first(run, make_window):
    window = make_window()
    pane = window.pane

    async def scenario():
        await pane.use_sandbox()
        queue = window.context.sandbox.state.instances[int(pane.form.settings().id_instance)]
        queue.account.settings["incomingWebhook"] = "no"
        queue.account.reboot_time = 3600  # the read-back goes on for as long as the test needs
        pane.tabs.setCurrentWidget(pane.doctor)
        await wait_until(pane.doctor.fix_button.isEnabled)
        pane.doctor.fix_button.click()
        pane.doctor.fix_dialog.button(pane.doctor.fix_dialog.StandardButton.Yes).click()
        await wait_until(lambda: pane.doctor.fixing)
        chosen = []
        window.language_chosen.connect(chosen.append)
        window.language_box.setCurrentIndex(window.language_box.findData("ru"))
        assert chosen == [] and "fix being read back is abandoned" in window.language_dialog.text()

    run(scenario())
