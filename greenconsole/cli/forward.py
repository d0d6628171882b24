"""`greenconsole forward --to URL`: drain the queue into a local webhook handler — what
`stripe listen --forward-to` is to Stripe. No public URL, no tunnel.

Each notification is journaled, POSTed to the handler as GREEN-API's webhook delivery would, and
deleted from the queue only after the handler answers 2xx. One line per attempt on stdout.
"""

from __future__ import annotations

import argparse
import os
import time

from greenconsole.capture import Delivery
from greenconsole.cli.common import UsageError, add_instance_options, non_negative, say
from greenconsole.cli.receive import Run, add_run_options, drive, run_with
from greenconsole.forward import PAUSE, TIMEOUT, Attempt, Forwarder
from greenconsole.invisibles import escape
from greenconsole.journal.store import Journal
from greenconsole.protocol.client import GreenApiClient, validate_api_url

WEBHOOK_TOKEN_ENV = "GREEN_API_WEBHOOK_TOKEN"


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(
        name,
        help="POST each notification to a local webhook handler, deleting it after a 2xx",
    )
    add_instance_options(parser)
    parser.add_argument(
        "--to", required=True, metavar="URL", help="the handler, e.g. http://localhost:8080/webhook"
    )
    parser.add_argument(
        "--pause",
        type=non_negative,
        default=PAUSE,
        metavar="S",
        help=f"wait S s before sending a refused notification again (default {PAUSE:g} like "
        "GREEN-API; 1 suits local work)",
    )
    parser.add_argument(
        "--timeout",
        type=non_negative,
        default=TIMEOUT,
        metavar="S",
        help=f"wait up to S s for the handler's answer (default {TIMEOUT:g} like GREEN-API)",
    )
    add_run_options(parser)
    parser.epilog = (
        f"{parser.epilog} A webhookUrlToken for the handler's Authorization: Bearer header is "
        f"read from ${WEBHOOK_TOKEN_ENV}."
    )
    parser.set_defaults(run=run, delete=True, format="text")


def run(args: argparse.Namespace) -> int:
    """Check --to, then forward until --max, --idle-exit, a signal or a fatal error."""
    try:
        validate_api_url(args.to, "--to")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.timeout <= 0:
        raise UsageError("--timeout: expected a positive number of seconds")
    return run_with(args, _forward)


class ForwardRun(Run):
    """A `receive` run whose handover is a delivery to the handler."""

    source = "forward"
    failing_party = "server or the handler"

    def __init__(
        self, args: argparse.Namespace, client: GreenApiClient, journal: Journal | None
    ) -> None:
        super().__init__(args, client.hide)
        self.forwarder = Forwarder(
            args.to,
            journal=journal,
            hide=client.hide,
            webhook_token=os.environ.get(WEBHOOK_TOKEN_ENV, ""),
            timeout=args.timeout,
            pause=args.pause,
            on_attempt=self.attempt,
        )

    async def hand_over(self, delivery: Delivery) -> None:  # type: ignore[override]
        """Deliver to the handler (until 2xx): only then is it handed over and deletable."""
        if self.forwarder.core is None:
            self.forwarder.core = self.core
        await self.forwarder.hand_over(delivery)
        self.handed += 1
        self._heard(failing=False)

    def attempt(self, attempt: Attempt) -> None:
        """One line about an attempt (already journaled). While the handler refuses, the run
        is failing: --idle-exit does not end it, and a signal ends it with exit 75."""
        self._heard(failing=not attempt.ok)
        note = attempt.delivery.notification
        outcome = (
            f"{attempt.status} in {attempt.milliseconds:.0f} ms"
            if attempt.status
            else f"no answer ({attempt.error})"
        )
        again = "" if attempt.ok else f"; again in {self.forwarder.pause:g} s"
        stamp = time.strftime("%H:%M:%S")
        line = f"{stamp} receipt {note.receipt_id} {note.type_webhook} → {outcome}{again}"
        print(escape(self.hide(line)), flush=True)


async def _forward(
    client: GreenApiClient, journal: Journal | None, args: argparse.Namespace
) -> int:
    consumer = ForwardRun(args, client, journal)
    say(f"forwarding instance {client.id_instance}'s notifications to {args.to}")
    try:
        return await drive(client, journal, args, consumer, "forward")
    finally:
        await consumer.forwarder.aclose()
