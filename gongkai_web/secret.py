"""The secret key of an office: made once, on first start, into its data folder."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

FILE = "secret_key"


def secret_key(data_dir: Path) -> str:
    """The key in ``data_dir/secret_key``, creating it (mode 0600) when there is none.

    Several server processes may start at once: the key is written to a private temporary
    file and linked into place, so every process reads the same, complete key.
    """
    path = data_dir / FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    data_dir.mkdir(parents=True, exist_ok=True)
    tmp = data_dir / f".{FILE}.{os.getpid()}.{secrets.token_hex(4)}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_urlsafe(50) + "\n")
    try:
        os.link(tmp, path)  # fails when another process was first: then its key is the one
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text(encoding="ascii").strip()
