"""Writes of the compliance app."""

from __future__ import annotations


def request_reevaluation(*, council_id: int) -> None:
    """Ask for this council's compliance results to be recomputed soon after its data changed.

    Other apps' services call this after a write. The compliance engine issue gives it its real body
    (queued on commit and coalesced); until then it does nothing.
    """
