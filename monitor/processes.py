"""Whether a process lives, asked by pid: of a crawl that outlived its server, of the process
that holds an outbox claim."""

from __future__ import annotations

import os


def running(pid: int) -> bool:
    """Is process `pid` alive (a zombie no one reaps is not: a container's init may not)?"""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[-1].split()[0] != b"Z"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc: asked of the kernel, zombies included
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
