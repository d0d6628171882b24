"""The Qt binding survives what the window does all day: thread → loop hand-offs via qasync.

PySide6 6.12.0 corrupts reference counts on these hand-offs (the process dies with
"deallocating None/True/False" within a few thousand), which is why pyproject pins <6.12.
"""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import asyncio
from greenconsole.ui.event_loop import EventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
async def main():
    loop = asyncio.get_running_loop()
    for n in range(5000):
        assert await loop.run_in_executor(None, lambda: n % 2 == 0) is (n % 2 == 0)
        assert await loop.run_in_executor(None, lambda: None) is None
with asyncio.Runner(loop_factory=lambda: EventLoop(app)) as runner:
    runner.run(main())
print("ok")
"""


def test_thousands_of_executor_hand_offs_do_not_crash_the_process():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert proc.stdout.strip() == b"ok"
