"""API keys: create, list, revoke and check the keys clients send as `Authorization: Bearer`.

A key is a 256-bit random secret shown once, when it is created; the database keeps only
its SHA-256. A hash of a high-entropy secret needs no salt or slow KDF: nobody can guess
the secret from it, and the lookup by hash cannot leak anything useful through timing.
The final comparison still uses `hmac.compare_digest`.

    >>> secret = create_key(session, "newsroom-bot")   # 'onr_3q2x...'
    >>> check_key(session, secret)
    <KeyStatus.VALID: 'valid'>
"""

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import AlreadyExists, InvalidParameter
from app.models import ApiKey

KEY_PREFIX = "onr_"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
# Longer than any key we issue, short enough that hashing a junk header costs nothing.
_MAX_SECRET_CHARS = 256


class KeyStatus(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    UNKNOWN = "unknown"


def hash_key(secret: str) -> str:
    """The stored form of a key: hex SHA-256 of its text."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_key(session: Session, name: str) -> str:
    """Store a new key called `name` and return its secret (the only time it is seen)."""
    if not _NAME.fullmatch(name):
        raise InvalidParameter("name", "1-64 letters, digits, '.', '_' or '-', starting with a letter/digit")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_sha256=hash_key(secret), created_at=datetime.now(UTC)))
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise AlreadyExists("API key", name) from exc
    return secret


def list_keys(session: Session) -> list[ApiKey]:
    """Every key, active or revoked, oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)))


def revoke_key(session: Session, name: str) -> bool:
    """Revoke the key called `name`; False if there is no such active key."""
    active = update(ApiKey).where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
    result = session.execute(active.values(revoked_at=datetime.now(UTC)))
    session.commit()
    return bool(result.rowcount)


def check_key(session: Session, secret: str) -> KeyStatus:
    """Whether `secret` is an active key, a revoked one, or not a key at all."""
    if not secret or len(secret) > _MAX_SECRET_CHARS:
        return KeyStatus.UNKNOWN
    digest = hash_key(secret)
    lookup = select(ApiKey.key_sha256, ApiKey.revoked_at).where(ApiKey.key_sha256 == digest)
    row = session.execute(lookup).first()
    if row is None or not hmac.compare_digest(row.key_sha256, digest):
        return KeyStatus.UNKNOWN
    return KeyStatus.REVOKED if row.revoked_at is not None else KeyStatus.VALID
