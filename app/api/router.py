"""Every route of the API, assembled in one place."""

from fastapi import APIRouter

from app.api.routes import claims, documents, health, reactions, speakers

api_router = APIRouter()
for module in (health, claims, speakers, documents, reactions):
    api_router.include_router(module.router)

TAGS = [
    {"name": "health", "description": "Is the service up and its database reachable?"},
    {"name": "claims", "description": "Attributed statements: who said what, when, in which article."},
    {"name": "speakers", "description": "People and organisations quoted or reacting, with their aliases."},
    {"name": "documents", "description": "Ingested articles and everything extracted from each."},
    {"name": "reactions", "description": "Responses to claims or speakers, with a stance."},
]
