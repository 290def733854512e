"""Reading the notyetpassing-*.txt lists: ``<test id>  <reason>`` a line, ``#`` comments."""

from __future__ import annotations

import os


def read_list(path: str) -> dict[str, str]:
    """Test id -> reason (an absent file is an empty list)."""
    out: dict[str, str] = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                test_id, _, reason = line.partition(" ")
                out[test_id] = reason.strip() or "not yet passing"
    return out
