"""`greenconsole doctor`: why would this instance's notifications not arrive? With the fix."""

from __future__ import annotations

import argparse
import sys

from greenconsole.cli.common import (
    UsageError,
    add_instance_options,
    client_from_args,
    run_async,
    say,
)
from greenconsole.doctor import SETTLE_SECONDS, apply_settings, examine
from greenconsole.invisibles import escape

REBOOT_WARNING = (
    "setSettings reboots the instance: it is 'starting' for a while and GREEN-API applies "
    "settings within 5 minutes; notifications wait in the queue meanwhile"
)


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(
        name, help="say why notifications would not arrive (state, settings, queue head)"
    )
    add_instance_options(parser)
    parser.add_argument(
        "--fix", action="store_true", help="apply the settings the findings call for (asks first)"
    )
    parser.add_argument("--yes", action="store_true", help="with --fix: do not ask")
    parser.set_defaults(run=run)


def confirmed(changes: dict[str, str], yes: bool) -> bool:
    """Ask on the terminal (or take --yes); without a terminal --yes is required."""
    if yes:
        return True
    if not sys.stdin.isatty():
        raise UsageError(f"--fix: add --yes to confirm without a terminal ({REBOOT_WARNING})")
    print(f"setSettings {changes}\n{REBOOT_WARNING}.\nApply? [y/N] ", end="", flush=True)
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def run(args: argparse.Namespace) -> int:
    """Examine the instance, print one block per finding, optionally fix the settings."""
    client = client_from_args(args)

    async def act() -> int:
        async with client:
            checkup = await examine(client)
            queue = "webhookUrl set" if checkup.settings.get("webhookUrl") else "queue in use"
            depth = "" if checkup.depth is None else f" · {checkup.depth} waiting"
            print(f"instance {client.id_instance}: {checkup.state} · {queue}{depth}", flush=True)
            for finding in checkup.findings:
                print(escape(f"problem: {finding.problem}"), flush=True)
                print(escape(f"    fix: {finding.fix}"), flush=True)
            if not checkup.findings:
                print("no problem found: notifications should arrive", flush=True)
                return 0
            changes = checkup.fixes
            if not args.fix or not changes:
                return 1
            if not confirmed(changes, args.yes):
                say("greenconsole doctor: nothing changed")
                return 1
            say(
                "saving the settings, then reading them back every 5 s until they hold "
                f"(at most {SETTLE_SECONDS / 60:.0f} min)"
            )
            unset = await apply_settings(client, changes)
        if unset:
            say(
                f"greenconsole doctor: setSettings said saved, but after {SETTLE_SECONDS:.0f} s "
                f"these did not hold: {', '.join(unset)} (green-api/issues #1096); try again"
            )
            return 1
        rest = [f for f in checkup.findings if not f.settings]
        print(f"fixed: {', '.join(changes)} read back as set", flush=True)
        return 1 if rest else 0

    return run_async(act)
