"""Every route of the API, assembled in one place."""

from fastapi import APIRouter

from app.api.errors import problem_responses
from app.api.limits import ParameterChecks
from app.api.routes import claims, documents, exports, health, reactions, speakers, writes
from app.api.security import ReadAccess

api_router = APIRouter()
api_router.include_router(health.router)
for module in (claims, speakers, documents, reactions, exports):
    # Reads: open unless READ_REQUIRES_KEY; no NUL in parameters, `q` within MAX_QUERY_CHARS.
    api_router.include_router(
        module.router, dependencies=[ReadAccess, ParameterChecks], responses=problem_responses(401, 403, 503)
    )
api_router.include_router(writes.router)  # needs an API key on every route

TAGS = [
    {"name": "health", "description": "Is the service up and its database reachable?"},
    {"name": "claims", "description": "Attributed statements: who said what, when, in which article."},
    {"name": "speakers", "description": "People and organisations quoted or reacting, with their aliases."},
    {"name": "documents", "description": "Ingested articles and everything extracted from each."},
    {"name": "reactions", "description": "Responses to claims or speakers, with a stance."},
]
