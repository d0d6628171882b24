"""Command line: the window (no subcommand) and headless subcommands.

The mode is chosen before anything heavy is imported: headless subcommands never load Qt.
"""

from __future__ import annotations

import argparse
import importlib

from greenconsole import __version__

SUBCOMMANDS = {
    "receive": "greenconsole.cli.receive",
    "send": "greenconsole.cli.send",
    "count": "greenconsole.cli.queue",
    "clear": "greenconsole.cli.queue",
    "emulator": "greenconsole.cli.emulator",
}


def build_parser() -> argparse.ArgumentParser:
    """The full parser; each subcommand module adds its own arguments."""
    parser = argparse.ArgumentParser(
        prog="greenconsole",
        description="Debugging console for the GREEN-API notification queue.",
    )
    parser.add_argument("--version", action="version", version=f"greenconsole {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name in SUBCOMMANDS.items():
        importlib.import_module(module_name).add_parser(sub, name)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the console; returns the process exit code."""
    from greenconsole.cli.common import run_command

    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 0
    return run_command(args)
