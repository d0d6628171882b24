"""`greenconsole receive`: print notifications as JSON lines, optionally deleting them."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from greenconsole.cli.common import (
    UsageError,
    add_instance_options,
    add_journal_option,
    client_from_args,
    open_journal,
    run_async,
    say,
)
from greenconsole.journal.store import Journal
from greenconsole.protocol.client import (
    DEFAULT_RECEIVE_TIMEOUT,
    GreenApiClient,
    validate_receive_timeout,
)
from greenconsole.protocol.errors import ProtocolError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.receive_loop import EventKind, LoopEvent, ReceiveLoop

RAW_QUOTE = 200
"""How many characters of a malformed answer a stderr line quotes."""


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(name, help="print notifications as JSON lines (headless)")
    add_instance_options(parser)
    parser.add_argument(
        "--delete", action="store_true", help="delete each notification after printing it"
    )
    parser.add_argument("--max", type=int, metavar="N", help="exit after N notifications")
    parser.add_argument(
        "--idle-exit",
        type=float,
        metavar="SECONDS",
        help="exit when no notification came for this long",
    )
    parser.add_argument(
        "--receive-timeout",
        type=int,
        default=DEFAULT_RECEIVE_TIMEOUT,
        metavar="S",
        help="long-poll wait, 5..60 s (default 20)",
    )
    add_journal_option(parser)
    parser.add_argument(
        "--no-journal",
        action="store_true",
        help="do not keep what is received (a pure peek or pipe)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate the options, then receive until --max, --idle-exit, a signal or a fatal error."""

    try:
        validate_receive_timeout(args.receive_timeout)
    except ValueError as exc:
        raise UsageError(f"--receive-timeout: {str(exc).split(': ', 1)[1]}") from None
    if args.max is not None and args.max < 1:
        raise UsageError("--max: expected a positive number")
    if args.idle_exit is not None and args.idle_exit <= 0:
        raise UsageError("--idle-exit: expected a positive number of seconds")
    client = client_from_args(args)
    journal = None if args.no_journal else open_journal(args)
    try:
        return run_async(lambda: _receive(client, journal, args))
    finally:
        if journal is not None:
            journal.close()


async def _receive(
    client: GreenApiClient, journal: Journal | None, args: argparse.Namespace
) -> int:
    out = sys.stdout.buffer
    handed = 0
    last_seen = time.monotonic()
    instance = client.id_instance
    session = journal.start_session(instance, client.api_url, "cli") if journal else 0

    def print_notification(notification: Notification) -> None:
        nonlocal handed, last_seen
        last_seen = time.monotonic()
        if journal is not None:
            if args.delete and journal.has_receipt(instance, notification.receipt_id):
                # an earlier run printed it but was stopped before its delete: delete, no repeat
                say(f"receipt {notification.receipt_id}: printed by an earlier run; deleting it")
                return
            journal.record(session, instance, notification)  # committed before any delete
        out.write(notification.to_json_line().encode() + b"\n")
        out.flush()
        handed += 1
        if not args.delete and args.max is not None and handed >= args.max:
            loop.stop()

    def report(event: LoopEvent) -> None:
        if event.kind is EventKind.DELETED:
            if journal is not None:
                journal.mark_deleted(instance, event.receipt_id, event.result)
            if not event.result:
                say(f"delete {event.receipt_id}: result false (already deleted?)")
            if args.max is not None and handed >= args.max:
                loop.stop()
        elif event.kind is EventKind.RETRYING:
            detail = str(event.error)
            if isinstance(event.error, ProtocolError):
                detail += f"; raw: {event.error.raw[:RAW_QUOTE]!r}"
                if journal is not None:
                    journal.record_malformed(session, instance, str(event.error), event.error.raw)
            say(f"{detail} — retrying in {event.delay:.1f} s")

    async def idle_watch(seconds: float) -> None:
        while not loop.stopping:
            remaining = last_seen + seconds - time.monotonic()
            if remaining <= 0:
                loop.stop()
                return
            await asyncio.sleep(remaining)

    loop = ReceiveLoop(
        client,
        print_notification,
        auto_delete=args.delete,
        receive_timeout=args.receive_timeout,
        on_event=report,
    )
    watcher = asyncio.ensure_future(idle_watch(args.idle_exit)) if args.idle_exit else None
    try:
        error = await loop.run()
    finally:
        loop.stop()
        if watcher:
            watcher.cancel()
        await client.aclose()
    if error is not None:
        say(f"greenconsole receive: stopped: {error}")
        return 1
    return 0
