"""Documents: the ingested articles, and everything extracted from one."""

from fastapi import APIRouter

from app.api.deps import DocumentDep, PageDep, SessionDep
from app.api.errors import problem_responses
from app.api.params import DocumentFiltersDep, DocumentSortDep
from app.queries import documents as queries
from app.schemas.common import RowView, page_view
from app.schemas.documents import DocumentDetail, DocumentPage

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=DocumentPage, summary="List documents", responses=problem_responses(422))
def list_documents(
    session: SessionDep, page: PageDep, filters: DocumentFiltersDep, sort: DocumentSortDep
) -> DocumentPage:
    """List documents, newest published first, filtered by title and date."""
    result = queries.list_documents(
        session=session, filters=filters, sort=sort, limit=page.limit, cursor=page.cursor, count=page.count
    )
    counts = queries.claim_counts(session=session, document_ids=[doc.id for doc in result.items])
    claim_counts = {doc.id: counts.get(doc.id, 0) for doc in result.items}
    page.link_next(result.next_cursor)
    return DocumentPage.model_validate(page_view(result, claim_count=claim_counts))


@router.get(
    "/{document_id}",
    response_model=DocumentDetail,
    summary="Get a document",
    responses=problem_responses(404, 422),
)
def get_document(document: DocumentDep) -> DocumentDetail:
    """Get one document with its text, claims and reactions."""
    claims, reactions = queries.document_items_in_order(document)
    return DocumentDetail.model_validate(
        RowView(document, claims=claims, reactions=reactions, claim_count=len(claims))
    )
