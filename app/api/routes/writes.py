"""Writes: add an article (POST /documents) and remove a document (DELETE /documents/{id}).

Both need an API key. A posted article goes through the same parse, extraction and
one-transaction store as `onrecord ingest`; posting content that is already stored
returns the stored document (200) instead of a new one (201).
"""

from fastapi import APIRouter, Response

from app import removal
from app.api.bodies import REQUEST_BODY, ArticleDep
from app.api.deps import DocumentDep, SessionDep
from app.api.errors import problem_responses
from app.api.security import RequireKey
from app.errors import NotFound
from app.ingest import store_new
from app.queries import documents as queries
from app.schemas.common import RowView
from app.schemas.documents import DocumentDetail

router = APIRouter(prefix="/documents", tags=["documents"], dependencies=[RequireKey])


@router.post(
    "",
    status_code=201,
    response_model=DocumentDetail,
    summary="Add an article",
    openapi_extra={"requestBody": REQUEST_BODY},
    responses={
        200: {"model": DocumentDetail, "description": "The same content was stored before: that document."},
        **problem_responses(401, 403, 413, 415, 422, 503),
    },
)
def create_document(article: ArticleDep, session: SessionDep, response: Response) -> DocumentDetail:
    """Extract claims and reactions from one article and store it; 200 if already stored."""
    result = store_new(session, article)
    if result.status == "added":
        response.headers["Location"] = f"/documents/{result.document_id}"
    else:
        response.status_code = 200
    document = queries.get_document(session=session, document_id=result.document_id)
    if document is None:  # deleted by someone else between the store and this read
        raise NotFound("document", result.document_id)
    claims, reactions = queries.document_items_in_order(document)
    return DocumentDetail.model_validate(
        RowView(document, claims=claims, reactions=reactions, claim_count=len(claims))
    )


@router.delete(
    "/{document_id}",
    status_code=204,
    response_class=Response,
    summary="Delete a document",
    responses=problem_responses(401, 403, 404, 422, 503),
)
def delete_document(document: DocumentDep, session: SessionDep) -> Response:
    """Delete a document, its claims and reactions, and speakers no other document refers to."""
    removal.delete_document(session, document)
    return Response(status_code=204)
