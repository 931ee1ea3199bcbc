"""Liveness of the database behind a session."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.errors import Unavailable


def check_database(*, session: Session) -> None:
    """Run SELECT 1; raise Unavailable when the database does not answer."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        raise Unavailable("database", type(exc).__name__) from exc
