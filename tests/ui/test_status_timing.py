"""The status line's request time: a long poll's wait on the server is not a slow request."""

from __future__ import annotations

from greenconsole.protocol.client import RequestTiming


def test_an_empty_long_poll_is_not_read_as_a_slow_request(make_window):
    pane = make_window().pane
    assert pane.timing_text(RequestTiming(20004.2, wait=20, empty=True)) == (
        "long poll answered after 20 s (empty); the request itself took 4 ms"
    )
    assert pane.timing_text(RequestTiming(1200, wait=20, empty=True)) == (
        "long poll answered after 1.2 s (empty)"
    )
    assert pane.timing_text(RequestTiming(8, wait=20)) == (
        "long poll answered in 8 ms with a notification"
    )
    assert pane.timing_text(RequestTiming(12.4)) == "last request 12 ms"
    assert pane.timing_text(RequestTiming(4, wait=20, status=500)) == (
        "last request answered HTTP 500 in 4 ms"  # not "… with a notification" while failing
    )
