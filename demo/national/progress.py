"""A progress bar: tqdm's when it is installed, else a plain one on stderr."""

from __future__ import annotations

import sys
import time

try:
    from tqdm import tqdm
except ImportError:  # optional: the plain bar below does without it
    tqdm = None


class Progress:
    def __init__(self, total: int, label: str, enabled: bool = True):
        self.total, self.label, self.enabled = max(total, 1), label, enabled
        self.done = 0
        self.started = time.monotonic()
        self.shown = -1
        self._bar = None
        if enabled:
            if tqdm is not None:
                self._bar = tqdm(total=total, desc=label, unit="dòng", unit_scale=True, file=sys.stderr)

    def __call__(self, step: int) -> None:
        self.done += step
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(step)
            return
        percent = int(100 * self.done / self.total)
        if percent != self.shown:
            self.shown = percent
            filled = percent // 4
            elapsed = time.monotonic() - self.started
            sys.stderr.write(f"\r{self.label:<28} [{'#' * filled}{'.' * (25 - filled)}] {percent:3d}%  {elapsed:5.0f} s")
            sys.stderr.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.close()
        else:
            sys.stderr.write("\n")
