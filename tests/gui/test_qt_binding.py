"""The Qt binding must not leak or drop references on signal emission.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()`` under Python 3.11;
after a few thousand emits (a long interview session) the interpreter aborts. The project
excludes that version; this test fails on any binding with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(int)


def test_emitting_a_signal_keeps_the_reference_count_of_true(qapp):
    emitter = _Emitter()
    received = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for value in range(50):
        emitter.changed.emit(value)
    # Other code may take or release a reference or two meanwhile; the fault loses one per
    # emit, 50 here.
    assert sys.getrefcount(True) >= before - 5
    assert received == list(range(50))
