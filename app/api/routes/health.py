"""Liveness: the service answers and its database does too."""

from fastapi import APIRouter, Response

from app.api.deps import SessionDep
from app.api.errors import problem_responses
from app.queries.health import check_database
from app.schemas.health import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Check health", responses=problem_responses(503))
def health(session: SessionDep, response: Response) -> Health:
    """Check that the service and its database answer (SELECT 1)."""
    response.headers["Cache-Control"] = "no-store"
    check_database(session=session)
    return Health(status="ok", database="ok")
