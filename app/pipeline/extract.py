"""The whole extraction: one pure function from article text to an Extraction."""

from datetime import date

from app.pipeline.types import Extraction

EXTRACTOR_VERSION = "0.0.1"


def extract(text: str, published_on: date | None = None) -> Extraction:
    """Find attributed statements, their speakers and reactions in `text`.

    Placeholder until the attribution stages land: finds nothing.
    """
    return Extraction()
