"""Small frozen carriers passed between the ingest stages.

A `Prepared` file goes from the prepare stage (`app.ingest_prepare`) to the writer
(`app.ingest_store`); a `FileOutcome`, made of `Failure`s and store results, comes back
to the caller of `app.ingest.ingest_paths` for each file.
"""

from dataclasses import dataclass

from app.pipeline.persist import StoreResult
from app.pipeline.types import Article, Extraction


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What happened to one file: one result per stored article, one failure per problem."""

    path: str
    results: tuple[StoreResult, ...] = ()
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True, slots=True)
class Prepared:
    """One file read, parsed and extracted, ready to store.

    Each article comes with its extraction, or with the id of the stored document that
    already has its content (then it was not extracted again).
    """

    path: str
    articles: tuple[tuple[Article, Extraction | int], ...]
    failures: tuple[Failure, ...] = ()
