"""What the subcommands share: instance options, the token, one-line errors, clean exits."""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any

from greenconsole.connection import CLEARTEXT, is_cleartext_remote
from greenconsole.protocol.client import (
    DEFAULT_API_URL,
    GreenApiClient,
    token_problem,
    validate_api_url,
)
from greenconsole.protocol.errors import GreenApiError

if TYPE_CHECKING:
    from greenconsole.journal.store import Journal, JournalReader

TOKEN_ENV = "GREEN_API_TOKEN"
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
DEBUG_ENV = "GREENCONSOLE_DEBUG"
SANDBOX_WEBHOOK = "a local sandbox's webhook URL is http://127.0.0.1:PORT/"
MAX_POSTS = 1_000_000
"""Most bodies one `send` may post (bodies × --count)."""


class UsageError(Exception):
    """Bad input: reported as one line naming the field, exit code 2."""


def non_negative(text: str) -> float:
    """A non-negative number (argparse type)."""
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 <= value < 10**9:
        raise argparse.ArgumentTypeError(f"expected a number of 0 or more, got {text!r}")
    return value


def add_instance_options(parser: argparse.ArgumentParser) -> None:
    """--api-url and --instance; the token always comes from the environment."""
    parser.add_argument(
        "--api-url", default=DEFAULT_API_URL, help=f"API host (default {DEFAULT_API_URL})"
    )
    parser.add_argument("--instance", required=True, metavar="ID", help="idInstance")
    parser.epilog = f"The apiTokenInstance is read from ${TOKEN_ENV}, never from the command line."


def add_webhook_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    """--webhook-url; without a default it is required."""
    where = f"default {default}" if default else "required"
    parser.add_argument(
        "--webhook-url",
        default=default,
        required=default is None,
        help=f"debug webhook endpoint ({where}; {SANDBOX_WEBHOOK})",
    )


def add_journal_option(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    """--journal PATH (default: the user data dir)."""
    parser.add_argument(
        "--journal",
        metavar="PATH",
        help="capture journal file (default: journal.sqlite3 in the user data dir)",
    )


def open_journal(args: argparse.Namespace) -> Journal:
    """The journal named by --journal (or the default) for writing; UsageError if refused."""
    from greenconsole.journal.store import Journal, JournalError

    try:
        journal = Journal(args.journal)
    except (OSError, JournalError) as exc:
        raise UsageError(f"--journal: {exc}") from None
    if journal.notice:
        say(journal.notice)
    return journal


def open_reader(args: argparse.Namespace) -> JournalReader:
    """An existing journal, read-only and unchanged; UsageError if missing or not a journal."""
    from greenconsole.journal.store import JournalError, JournalReader

    try:
        return JournalReader.existing(args.journal)
    except (OSError, JournalError) as exc:
        raise UsageError(f"--journal: {exc}") from None


def client_from_args(args: argparse.Namespace) -> GreenApiClient:
    """A client for --api-url/--instance and $GREEN_API_TOKEN; UsageError on bad input.

    The token is checked first (never quoted); plain http to a non-local host is warned about.
    """
    token = os.environ.get(TOKEN_ENV, "")
    if not token.strip():
        raise UsageError(f"{TOKEN_ENV}: not set (export the instance's apiTokenInstance in it)")
    if problem := token_problem(token):
        raise UsageError(f"{TOKEN_ENV}: not a valid apiTokenInstance: {problem}")
    try:
        client = GreenApiClient(args.api_url, args.instance, token)
    except ValueError as exc:
        text = str(exc).replace("api_url:", "--api-url:").replace("id_instance:", "--instance:")
        raise UsageError(text.replace("idInstance:", "--instance:")) from None
    if is_cleartext_remote(client.api_url):
        say(f"greenconsole {args.command}: warning: --api-url: {CLEARTEXT}")
    return client


def webhook_url_and_count(args: argparse.Namespace) -> str:
    """--webhook-url checked (returned without a trailing slash) and --count in 1..MAX_POSTS."""
    try:
        url = validate_api_url(args.webhook_url, "--webhook-url")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not 1 <= args.count <= MAX_POSTS:
        raise UsageError(f"--count: expected a number from 1 to {MAX_POSTS:,}")
    return url


def read_source(path: str) -> tuple[str, str]:
    """(the text of FILE or of stdin for "-", its name for messages), read with a size cap and
    checked as UTF-8 before anything is sent; UsageError otherwise."""
    from greenconsole.journal.transfer import ImportFileError, read_input

    source = "stdin" if path == "-" else path
    try:
        if path == "-":
            return read_input(sys.stdin.buffer, source), source
        with open(path, "rb") as handle:
            return read_input(handle, source), source
    except OSError as exc:
        raise UsageError(f"{source}: cannot read ({exc.strerror or exc})") from None
    except ImportFileError as exc:
        raise UsageError(str(exc)) from None


def unreachable(exc: GreenApiError) -> str:
    """A post that reached no webhook: its reason and where a local sandbox's webhook is."""
    return f"{exc} ({SANDBOX_WEBHOOK})"


def say(message: str) -> None:
    """One line on stderr."""
    print(message, file=sys.stderr, flush=True)


def run_async(main: Callable[[], Coroutine[Any, Any, int]]) -> int:
    """Run `main()` with SIGINT/SIGTERM cancelling it cleanly; returns its exit code."""

    async def guarded() -> int:
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, task.cancel)
        try:
            return await main()
        except asyncio.CancelledError:
            return 0

    return asyncio.run(guarded())


def run_command(args: argparse.Namespace) -> int:
    """Dispatch to the subcommand's `run(args)`; every expected failure becomes one line."""
    try:
        return args.run(args)
    except UsageError as exc:
        say(f"greenconsole {args.command}: {exc}")
        return EXIT_USAGE
    except GreenApiError as exc:
        say(f"greenconsole {args.command}: {exc}")
        return EXIT_API_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug: one line, the traceback only when asked for
        if os.environ.get(DEBUG_ENV):
            raise
        say(
            f"greenconsole {args.command}: internal error: {type(exc).__name__}: {exc} "
            f"(set {DEBUG_ENV}=1 for the traceback)"
        )
        return EXIT_INTERNAL
