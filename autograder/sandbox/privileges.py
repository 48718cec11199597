"""Give up root for good, before any student code runs.

Used by the fork server under bubblewrap (which leaves it root with CAP_SETUID, CAP_SETGID and
CAP_SETPCAP only) and by each child of the plain fork server when the grader is root.  Afterwards the
process has no capability in any set, cannot gain one (``no_new_privs``: setuid binaries do nothing), and
is checked to be so: a drop that did not take is an error, never a silent root sandbox.
"""
from __future__ import annotations

import ctypes
import os

PR_SET_DUMPABLE = 4
PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
CAPABILITY_SETS = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")

_libc = ctypes.CDLL(None, use_errno=True)


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


class DropFailed(RuntimeError):
    pass


def set_not_dumpable() -> None:
    """Processes of our own uid (a student's child) may not ptrace us or open our /proc/<pid>/mem."""
    _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def capabilities() -> dict[str, int]:
    """This process's capability sets, as /proc shows them."""
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if ":" in line)
    return {name: int(fields[name], 16) for name in CAPABILITY_SETS}


def drop_privileges(uid: int, gid: int) -> None:
    """Become ``uid``/``gid`` with no groups and no capabilities, for good; DropFailed when any of it did not take."""
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise DropFailed(f"prctl(PR_SET_NO_NEW_PRIVS) failed: {os.strerror(ctypes.get_errno())}")
    with open("/proc/sys/kernel/cap_last_cap") as last:
        for cap in range(int(last.read()) + 1):
            _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # checked below: CapBnd must end empty
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)
    data = (_CapData * 2)()  # every set empty, inheritable included (setuid leaves it)
    if _libc.capset(ctypes.byref(_CapHeader(_LINUX_CAPABILITY_VERSION_3, 0)), data) != 0:
        raise DropFailed(f"capset failed: {os.strerror(ctypes.get_errno())}")
    set_not_dumpable()
    left = {name: value for name, value in capabilities().items() if value}
    if left or 0 in os.getresuid() or 0 in os.getresgid() or os.getgroups():
        raise DropFailed(f"still privileged after dropping to uid {uid}: capabilities {left}, "
                         f"uids {os.getresuid()}, gids {os.getresgid()}, groups {os.getgroups()}")
