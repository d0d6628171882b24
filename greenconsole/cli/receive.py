"""`greenconsole receive`: print notifications as JSON lines (or human lines), optionally
deleting them."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

from greenconsole.capture import CaptureCore, Delivery, Malformed
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
from greenconsole.jsontext import dumps, utf8
from greenconsole.protocol.client import (
    DEFAULT_RECEIVE_TIMEOUT,
    GreenApiClient,
    validate_receive_timeout,
)
from greenconsole.protocol.errors import ProtocolError
from greenconsole.protocol.notification import Notification
from greenconsole.protocol.receive_loop import MALFORMED_PAUSE, EventKind, LoopAbort, LoopEvent
from greenconsole.textline import text_line

RAW_QUOTE = 200
"""How many characters of a malformed answer a stderr line quotes."""
EXIT_CANT_WRITE = 74
"""The journal or stdout could not be written (disk full, I/O error): stopped, nothing unsaved
or unprinted was deleted."""
EXIT_SERVER_FAILING = 75
"""The run ended (--max, --idle-exit, a signal) while the server's last answers were faults."""


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(
        name, help="print notifications as JSON lines or human lines (headless)"
    )
    add_instance_options(parser)
    parser.add_argument(
        "--delete", action="store_true", help="delete each notification after printing it"
    )
    parser.add_argument(
        "--format",
        choices=("jsonl", "text", "events"),
        default="jsonl",
        help="jsonl: one JSON line per notification, unchanged but for the instance's token, "
        "masked as *** (default); text: one human line "
        "(local time, receipt, typeWebhook, chat, summary; odd characters escaped); events: "
        "a JSON line per event of the run (received, deleted, retrying, …: the window drains "
        "this way), stdin's end or a line 'stop' stops it, 'retry' ends a wait",
    )
    add_run_options(parser)
    parser.set_defaults(run=run)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options of a capture run (receive, forward): --no-overlap, --max, --idle-exit, the
    wait, the journal."""
    parser.add_argument(
        "--no-overlap",
        action="store_true",
        help="send each delete and the next receive one after the other (default: together, "
        "one round trip per notification)",
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
    keeping = parser.add_mutually_exclusive_group()
    add_journal_option(keeping)
    keeping.add_argument(
        "--no-journal",
        action="store_true",
        help="do not keep what is received (a pure peek or pipe)",
    )


def run(args: argparse.Namespace) -> int:
    """Receive until --max, --idle-exit, a signal or a fatal error."""
    if args.format == "events" and args.no_journal:
        raise UsageError("--format events: names journal captures (not with --no-journal)")
    return run_with(args, _receive)


def run_with(
    args: argparse.Namespace,
    body: Callable[[GreenApiClient, Journal | None, argparse.Namespace], Coroutine[Any, Any, int]],
) -> int:
    """Validate the run options, open the client and journal, run `body`, close."""
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
        return run_async(lambda: body(client, journal, args))
    finally:
        if journal is not None:
            journal.close()


class Run:
    """One `receive` run: the consumer of the capture core, and the exit rules."""

    source = "cli"
    """The journal session's source."""
    failing_party = "server"
    """Who is failing when `failing` is set (exit 75)."""

    def __init__(self, args: argparse.Namespace, hide: Callable[[str], str] = str) -> None:
        self.args = args
        self.hide = hide
        self.out = sys.stdout.buffer
        self.handed = 0
        self.deleted = 0
        self.quiet_since = time.monotonic()
        self.failing = False
        self.core: CaptureCore | None = None

    def line(self, note: Notification) -> str:
        """What is printed of a notification (JSON, or the human line: token hidden)."""
        if self.args.format == "text":
            return text_line(note.receipt_id, note.body, self.hide)
        return dumps({"receiptId": note.receipt_id, "body": note.body})

    def hand_over(self, delivery: Delivery) -> None:
        """Print one line and flush it: only then is it handed over (and deletable)."""
        self.show(delivery)
        self.handed += 1
        self._heard(failing=False)
        if not self.args.delete and self._reached_max(self.handed):
            self._stop()

    def show(self, delivery: Delivery) -> None:
        """Print the notification's line (and say on stderr what is known of its history)."""
        note = delivery.notification
        if delivery.earlier is not None:
            say(f"receipt {note.receipt_id} was printed by an earlier run; printing it again")
        elif delivery.again:
            say(f"receipt {note.receipt_id} came back after its delete; printing it again")
        if delivery.token_masked:
            say(f"receipt {note.receipt_id}: its body holds this instance's token, printed as ***")
        self.write(self.line(note))

    def write(self, line: str | None, *, flush: bool = True) -> None:
        """One line on stdout (None: none), flushed unless told not to."""
        try:
            if line is not None:
                self.out.write(utf8(line) + b"\n")
            if flush:
                self.out.flush()
        except BrokenPipeError:
            raise  # the reader is gone (`| head`): a quiet end, nothing unprinted deleted
        except OSError as exc:
            raise LoopAbort(
                f"stdout: {exc.strerror or exc}; nothing unprinted was deleted"
            ) from None

    def event(self, event: LoopEvent) -> None:
        """Exit rules and one stderr line per fault."""
        if event.kind is EventKind.DELETED and event.result is None:
            say(
                f"delete {event.receipt_id}: no answer ({event.error}) — not known to be deleted;"
                " deleted again if it comes back"
            )
        elif event.kind is EventKind.DELETED:
            self.deleted += 1
            if not event.result:
                say(f"delete {event.receipt_id}: result false (already deleted?)")
            if self._reached_max(self.deleted):
                self._stop()
        elif event.kind is EventKind.EMPTY or (
            event.kind is EventKind.REPEAT and not self.args.delete
        ):  # "nothing new": the idle clock runs, from the first such answer after a fault
            if self.failing:
                self._heard(failing=False)
        elif event.kind is EventKind.REPEAT:  # a head whose delete is being retried: busy
            self._heard(failing=False)
        elif event.kind is EventKind.SEQUENTIAL:
            say(
                "the server keeps answering a receive with the notification being deleted: "
                "one request at a time from now on (--no-overlap)"
            )
        elif event.kind is EventKind.RETRYING:
            self._heard(failing=True)
            if not isinstance(event.error, ProtocolError):
                say(f"{event.error} — retrying in {event.delay:.1f} s")

    def malformed(self, malformed: Malformed) -> None:
        """One line per malformed answer; a repeat of the same answer is only counted."""
        error = malformed.error
        if malformed.new:
            say(f"{error}; raw: {error.raw[:RAW_QUOTE]!r} — retrying in {MALFORMED_PAUSE:.1f} s")
        else:
            say(f"the same malformed answer again — retrying in {MALFORMED_PAUSE:.1f} s")

    async def watch(self) -> None:
        """Runs beside the capture core: the --idle-exit clock."""
        if self.args.idle_exit:
            await self.idle_watch(self.args.idle_exit)

    async def idle_watch(self, seconds: float) -> None:
        """Stop once the server has answered "nothing new" for `seconds` (not while failing)."""
        assert self.core is not None
        while not self.core.loop.stopping:
            remaining = self.quiet_since + seconds - time.monotonic()
            if remaining <= 0 and not self.failing:
                self._stop()
                return
            await asyncio.sleep(max(remaining, 0.1))

    def _heard(self, *, failing: bool) -> None:
        self.quiet_since = time.monotonic()
        self.failing = failing

    def _reached_max(self, count: int) -> bool:
        return self.args.max is not None and count >= self.args.max

    def _stop(self) -> None:
        assert self.core is not None
        self.core.stop()


async def _receive(
    client: GreenApiClient, journal: Journal | None, args: argparse.Namespace
) -> int:
    if args.format == "events":
        from greenconsole.cli.receive_events import EventsRun

        return await drive(client, journal, args, EventsRun(args, client))
    return await drive(client, journal, args, Run(args, client.hide))


async def drive(
    client: GreenApiClient,
    journal: Journal | None,
    args: argparse.Namespace,
    consumer: Run,
    command: str = "receive",
) -> int:
    """Run the capture core into `consumer` until it stops; the exit code."""
    core = consumer.core = CaptureCore(
        client,
        journal,
        consumer.hand_over,
        source=consumer.source,
        auto_delete=args.delete,
        overlap=not args.no_overlap,
        receive_timeout=args.receive_timeout,
        on_event=consumer.event,
        on_malformed=consumer.malformed,
    )
    watcher = asyncio.ensure_future(consumer.watch())
    error: Exception | None = None
    try:
        error = await core.run()
    except asyncio.CancelledError:  # SIGINT/SIGTERM
        pass
    finally:
        core.stop()
        watcher.cancel()
        await client.aclose()
    if isinstance(error, LoopAbort):
        say(f"greenconsole {command}: stopped: {error}")
        return EXIT_CANT_WRITE
    if error is not None:
        say(f"greenconsole {command}: stopped: {error}")
        return 1
    if consumer.failing:
        say(
            f"greenconsole {command}: ended while the {consumer.failing_party} was failing "
            "(see the lines above)"
        )
        return EXIT_SERVER_FAILING
    return 0
