"""`greenconsole emulator`: run the local GREEN-API sandbox until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import asyncio

from greenconsole.cli.common import UsageError, run_async, say


def parse_instance(text: str) -> tuple[int, str]:
    """ID:TOKEN → (id, token); UsageError naming --instance otherwise."""
    id_text, sep, token = text.partition(":")
    if not sep or not id_text.isdigit() or not token:
        raise UsageError("--instance: expected ID:TOKEN with a numeric ID and a non-empty token")
    return int(id_text), token


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    """Register the subcommand."""
    parser = sub.add_parser(name, help="run a local GREEN-API sandbox (offline, no account)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default 0: a free one)")
    parser.add_argument(
        "--instance",
        action="append",
        default=[],
        metavar="ID:TOKEN",
        help="an instance to serve (repeatable); default: one demo instance",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Serve until a signal; print `listening on URL` first."""
    instances = dict(parse_instance(text) for text in args.instance)
    if not 0 <= args.port <= 65535:
        raise UsageError("--port: expected 0..65535")

    async def serve() -> int:
        from greenconsole.sandbox import Sandbox

        sandbox = Sandbox(args.host, args.port, instances or None)
        try:
            await sandbox.start()
        except OSError as exc:
            raise UsageError(f"--host/--port: cannot listen ({exc.strerror or exc})") from None
        print(f"listening on {sandbox.url}", flush=True)
        if not instances:
            say(
                f"demo instance {sandbox.first_instance[0]} ready; its token is random "
                "(pass --instance ID:TOKEN to choose one)"
            )
        try:
            await asyncio.Event().wait()
        finally:
            await sandbox.stop()
        return 0

    return run_async(serve)
