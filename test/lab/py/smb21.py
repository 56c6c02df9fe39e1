#!/usr/bin/python3
"""Run an impacket example script with SMB pinned to dialect 2.1 (lab use only).

usage: smb21.py SCRIPT.py ARGS...

Impacket 0.10 encrypts every SMB 3.x session whose server advertises encryption (smb3.py:
SMB2_SESSION_FLAG_ENCRYPT_DATA is set on its own side), so against Samba its RPC calls are
unreadable on the wire. Pinning SMB 2.1 keeps them in clear, which is what a capture needs to
show the calls themselves; the unpinned, encrypted run is kept in the smb3-encrypted scenario.
"""
import runpy
import sys

from impacket import smbconnection
from impacket.smb3structs import SMB2_DIALECT_21

_orig_init = smbconnection.SMBConnection.__init__


def _init(self, *args, **kwargs):
    kwargs['preferredDialect'] = SMB2_DIALECT_21
    _orig_init(self, *args, **kwargs)


smbconnection.SMBConnection.__init__ = _init
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name='__main__')
