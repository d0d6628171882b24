"""Command line: the window (no subcommand) and headless subcommands.

The mode is chosen before anything heavy is imported: headless subcommands never load Qt.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import NoReturn

from greenconsole import __version__

SUBCOMMANDS = {
    "receive": "greenconsole.cli.receive",
    "send": "greenconsole.cli.send",
    "count": "greenconsole.cli.queue",
    "clear": "greenconsole.cli.queue",
    "export": "greenconsole.cli.transfer",
    "replay": "greenconsole.cli.transfer",
    "probe": "greenconsole.cli.probe",
    "doctor": "greenconsole.cli.doctor",
    "reconcile": "greenconsole.cli.reconcile",
    "forward": "greenconsole.cli.forward",
    "emulator": "greenconsole.cli.emulator",
}


def build_parser() -> argparse.ArgumentParser:
    """The full parser; each subcommand module adds its own arguments."""
    parser = argparse.ArgumentParser(
        prog="greenconsole",
        description="Debugging console for the GREEN-API notification queue.",
    )
    parser.add_argument("--version", action="version", version=f"greenconsole {__version__}")
    window = parser.add_argument_group("window (when no COMMAND is given)")
    window.add_argument(
        "--sandbox", action="store_true", help="start the embedded local sandbox and connect to it"
    )
    window.add_argument("--api-url", help="API host to fill in the form")
    window.add_argument(
        "--instance",
        metavar="ID",
        help="idInstance to fill in the form (token from $GREEN_API_TOKEN or the saved profile)",
    )
    window.add_argument("--start", action="store_true", help="begin polling at once")
    window.add_argument("--auto-delete", action="store_true", help="ack mode: auto-delete")
    window.add_argument(
        "--journal",
        metavar="PATH",
        help="capture journal (default: journal.sqlite3 in the user data dir)",
    )
    window.add_argument(
        "--self-test",
        action="store_true",
        help="open the window on the sandbox, send one notification through it, "
        "receive and delete it, quit (exit 0 on success)",
    )
    window.add_argument(
        "--quit-after-paint",
        action="store_true",
        help="close the window right after its first paint (startup measurements)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    for name, module_name in SUBCOMMANDS.items():
        importlib.import_module(module_name).add_parser(sub, name)
    return parser


class OneLineParser(argparse.ArgumentParser):
    """A subcommand's parser whose bad-input answer is one line (`--help` shows the usage)."""

    def error(self, message: str) -> NoReturn:
        """`greenconsole CMD: error: MESSAGE`, exit 2."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run the console; returns the process exit code."""
    from greenconsole.cli.common import run_command

    args = build_parser().parse_args(argv)
    if args.command is None:
        args.command, args.run = "window", _run_window
    return run_command(args)


def _run_window(args: argparse.Namespace) -> int:
    from greenconsole import qt_libraries

    if (problem := qt_libraries.problem()) is not None:
        print(problem, file=sys.stderr)
        return qt_libraries.EXIT_QT_LIBRARIES
    from greenconsole.ui.app import run_window  # Qt is imported only here

    return run_window(args)
