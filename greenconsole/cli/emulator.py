"""`greenconsole emulator`: run the local GREEN-API sandbox until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import os

from greenconsole.cli.common import TOKEN_ENV, UsageError, non_negative, run_async, say
from greenconsole.protocol.settings import STATES
from greenconsole.sandbox.account import REBOOT_TIME
from greenconsole.sandbox.state import (
    COUNT_LAG,
    MAX_CONNECTIONS,
    RETENTION,
    SEND_OUTCOMES,
    SEND_STEPS,
)


def instance_token(args: argparse.Namespace) -> str:
    """The token for `--instance ID`: from --token-file, else $GREEN_API_TOKEN."""
    if args.token_file:
        try:
            with open(args.token_file, encoding="utf-8") as file:
                token = file.readline().strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"--token-file: cannot read {args.token_file} ({exc})") from None
        if not token:
            raise UsageError(f"--token-file: {args.token_file} has no token on its first line")
        return token
    token = os.environ.get(TOKEN_ENV, "").strip()
    if not token:
        raise UsageError(f"--instance ID: set {TOKEN_ENV} (or pass --token-file) to its token")
    return token


def parse_instances(args: argparse.Namespace) -> dict[int, str]:
    """--instance ID (token from the environment or --token-file) or the older ID:TOKEN."""
    instances = {}
    for text in args.instance:
        id_text, sep, token = text.partition(":")
        if (
            not (id_text.isascii() and id_text.isdigit())
            or len(id_text) > 19
            or (sep and not token)
        ):
            raise UsageError(
                f"--instance: expected ID or ID:TOKEN with a numeric ID, got {id_text!r}"
            )
        instances[int(id_text)] = token if sep else instance_token(args)
    return instances


def percent(text: str) -> float:
    """A percentage 0..100 (argparse type)."""
    try:
        value = float(text.removesuffix("%"))
    except ValueError:
        value = -1
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"expected a percentage from 0 to 100, got {text!r}")
    return value


def seconds_list(text: str) -> tuple[float, ...]:
    """`0.2,0.5,1.5,4` → seconds, each 0..3600 (argparse type)."""
    try:
        steps = tuple(float(part) for part in text.split(","))
    except ValueError:
        steps = ()
    if not steps or not all(0 <= step <= 3600 for step in steps):
        raise argparse.ArgumentTypeError(f"expected seconds such as 0.2,0.5,1.5,4, got {text!r}")
    return steps


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(name, help="run a local GREEN-API sandbox (offline, no account)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=0, help="port (default 0: the state file's last one, or free)"
    )
    parser.add_argument(
        "--instance",
        action="append",
        default=[],
        metavar="ID",
        help=f"an instance to serve (repeatable), its token from ${TOKEN_ENV} or --token-file "
        "(ID:TOKEN also works but shows the token in ps); default: one demo instance",
    )
    parser.add_argument("--token-file", metavar="FILE", help="read the --instance token from FILE")
    parser.add_argument(
        "--state",
        metavar="FILE",
        help="keep instances, queues and receipt ids in FILE (0600) across restarts",
    )
    parser.add_argument(
        "--latency", type=non_negative, default=0.0, metavar="MS", help="add MS ms to every answer"
    )
    parser.add_argument(
        "--faults",
        default="",
        metavar="SPEC",
        help="inject faults, e.g. receive:500=10%%,delete:502=5%%,receive:starting=1%%",
    )
    parser.add_argument(
        "--rate-limits", action="store_true", help="answer 429 over GREEN-API's per-method limits"
    )
    parser.add_argument(
        "--count-lag",
        type=non_negative,
        default=COUNT_LAG,
        metavar="S",
        help="refresh getWebhooksCount every S s (default 10 like GREEN-API; 0: live)",
    )
    parser.add_argument(
        "--retention",
        type=non_negative,
        default=RETENTION,
        metavar="S",
        help="expire notifications after S s (default 86400)",
    )
    parser.add_argument("--seed", type=int, help="seed the fault draws (reproducible runs)")
    parser.add_argument(
        "--drop",
        type=percent,
        default=0.0,
        metavar="P",
        help="lose P%% of notifications while their messages stay in the journals "
        "(green-api/issues #1118)",
    )
    parser.add_argument(
        "--instance-state",
        choices=STATES,
        help="set every instance's state (stateInstanceChanged is sent when it changes)",
    )
    parser.add_argument(
        "--reboot-time",
        type=non_negative,
        default=REBOOT_TIME,
        metavar="S",
        help=f"setSettings keeps an instance 'starting' for S s (default {REBOOT_TIME:g})",
    )
    parser.add_argument(
        "--journal-lag",
        type=non_negative,
        default=0.0,
        metavar="S",
        help="lastIncomingMessages/lastOutgoingMessages show a message S s late (GREEN-API: "
        "up to 120)",
    )
    parser.add_argument(
        "--send-steps",
        type=seconds_list,
        default=SEND_STEPS,
        metavar="S,S,…",
        help="seconds after sendMessage of its outgoingAPIMessageReceived, then of each status "
        f"(default {','.join(f'{step:g}' for step in SEND_STEPS)})",
    )
    parser.add_argument(
        "--send-outcome",
        choices=SEND_OUTCOMES,
        default="read",
        help="how sendMessage's messages end (default read: sent, delivered, read)",
    )
    parser.add_argument(
        "--max-connections",
        type=int,
        default=MAX_CONNECTIONS,
        metavar="N",
        help="connections served at once; more get 503 (default 256)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve until a signal; print `listening on URL` first."""
    from greenconsole.sandbox import Sandbox

    instances = parse_instances(args)
    if not 0 <= args.port <= 65535:
        raise UsageError("--port: expected 0..65535")
    if args.max_connections < 1:
        raise UsageError("--max-connections: expected a positive number")
    try:
        sandbox = Sandbox(
            args.host,
            args.port,
            instances,
            state_path=args.state,
            count_lag=args.count_lag,
            retention=args.retention,
            faults=args.faults,
            latency=args.latency / 1000,
            rate_limits=args.rate_limits,
            seed=args.seed,
            max_connections=args.max_connections,
            drop=args.drop,
            reboot_time=args.reboot_time,
            journal_lag=args.journal_lag,
            send_steps=args.send_steps,
        )
    except ValueError as exc:
        raise UsageError(f"--faults: {exc}") from None
    except OSError as exc:
        raise UsageError(f"--state: cannot use {args.state} ({exc.strerror or exc})") from None

    sandbox.state.send_outcome = args.send_outcome

    async def serve() -> int:
        if args.instance_state:
            for queue in sandbox.state.instances.values():
                queue.set_state(args.instance_state)
        try:
            await sandbox.start()
        except OSError as exc:
            raise UsageError(f"--host/--port: cannot listen ({exc.strerror or exc})") from None
        print(f"listening on {sandbox.url}", flush=True)
        if sandbox.notice:
            say(sandbox.notice)
        if not instances:
            ids = ", ".join(map(str, sandbox.state.instances))
            where = f"their tokens are in {args.state}" if args.state else "its token is random"
            say(
                f"serving instance {ids}; {where}: to use it from the CLI, choose the token: "
                f"GREEN_API_TOKEN=... greenconsole emulator --instance {ids.split(',')[0]}"
            )
        try:
            await asyncio.Event().wait()
        finally:
            await sandbox.stop()
        return 0

    return run_async(serve)
