"""A passphrase for bundles on a USB stick (issue 14): AES-256-GCM, key from scrypt.

A protected bundle is the ordinary bundle zip, encrypted whole in 1 MiB chunks (the STREAM
construction: each chunk has its own nonce, and the chunk number and a last-chunk flag are
authenticated, so chunks cannot be dropped, reordered or cut off unnoticed). The header
holds the scrypt salt and cost. Anyone who finds the stick sees neither the database nor
`tables.xlsx`; a wrong passphrase and a damaged file are both refused with a Thai message.

    MAGIC | log2(N) r p (3 bytes) | salt (16) | nonce prefix (7) | chunks
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from ..core.errors import UserError
from ..core.i18n import _

MAGIC = b"TAMBONDESK-SEALED\x01"
CHUNK = 1 << 20
TAG = 16
LOG_N, R, P = 15, 8, 1  # scrypt cost: ~0.1 s and 32 MB per derivation
MAX_LOG_N = 20  # a forged header may not ask for more
MIN_PASSPHRASE = 8


class PassphraseNeeded(UserError):
    """The bundle is protected and no passphrase was given."""


def is_sealed(path) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_passphrase(passphrase: str) -> None:
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise UserError(
            _("The passphrase must have at least {n} characters.").format(n=MIN_PASSPHRASE)
        )


def _key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log_n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def seal(src: Path, out, passphrase: str) -> None:
    """Encrypt the file `src` into the open binary file `out`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, prefix = os.urandom(16), os.urandom(7)
    header = MAGIC + bytes([LOG_N, R, P]) + salt + prefix
    aead = AESGCM(_key(passphrase, salt, LOG_N, R, P))
    out.write(header)
    with open(src, "rb") as f:
        index, chunk = 0, f.read(CHUNK)
        while True:
            following = f.read(CHUNK)
            last = not following
            out.write(aead.encrypt(_nonce(prefix, index, last), chunk, header))
            if last:
                break
            index, chunk = index + 1, following


def _refused() -> UserError:
    return UserError(
        _(
            "The passphrase is wrong, or the bundle is damaged. Check the "
            "passphrase with the sender; if it is right, ask for the bundle "
            "again."
        )
    )


def unseal(src: Path, dest: Path, passphrase: str | None) -> Path:
    """Decrypt the sealed bundle `src` into `dest`; refuses a wrong passphrase, a damaged
    or cut file, and a forged header asking for an excessive scrypt cost."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise PassphraseNeeded(
            _("This bundle is protected by a passphrase. Enter the passphrase the sender gave you.")
        )
    with open(src, "rb") as f:
        header = f.read(len(MAGIC) + 3 + 16 + 7)
        if len(header) < len(MAGIC) + 26 or not header.startswith(MAGIC):
            raise _refused()
        log_n, r, p = header[len(MAGIC) : len(MAGIC) + 3]
        if not (10 <= log_n <= MAX_LOG_N and 1 <= r <= 16 and 1 <= p <= 4):
            raise _refused()
        salt = header[len(MAGIC) + 3 : len(MAGIC) + 19]
        prefix = header[len(MAGIC) + 19 :]
        aead = AESGCM(_key(passphrase, salt, log_n, r, p))
        try:
            with open(dest, "wb") as out:
                index, block = 0, f.read(CHUNK + TAG)
                while True:
                    following = f.read(CHUNK + TAG)
                    last = not following
                    if len(block) < TAG:
                        raise _refused()
                    out.write(aead.decrypt(_nonce(prefix, index, last), block, header))
                    if last:
                        break
                    index, block = index + 1, following
        except (InvalidTag, ValueError, UserError):
            Path(dest).unlink(missing_ok=True)
            raise _refused() from None
    return Path(dest)
