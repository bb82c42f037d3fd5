"""What the screenshot tools share: the offscreen Qt application, window sizes, letting
Qt settle after a change, and saving a widget as a PNG."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def size(text: str) -> tuple[int, int]:
    """``'1000x640'`` as ``(1000, 640)``."""
    width, height = (int(part) for part in text.lower().split("x"))
    return width, height


class Shots:
    """The QApplication (on the ``offscreen`` platform unless ``QT_QPA_PLATFORM`` says
    otherwise) and where the pictures go."""

    def __init__(self, out: Path):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication(["surveydesk-screenshots"])
        self.out = out
        out.mkdir(parents=True, exist_ok=True)

    def settle(self) -> None:
        # Several rounds: the LanguageChange event is posted, and new texts post a re-layout.
        for _ in range(3):
            self.app.processEvents()

    def save(self, widget, name: str) -> Path:
        self.settle()
        target = self.out / name
        if not widget.grab().save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
        return target
