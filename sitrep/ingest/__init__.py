"""Ingest: read articles from files, folders, feeds and stdin into the store."""

from sitrep.ingest.raw import Limits
from sitrep.ingest.stage import IngestReport, ingest, to_article

__all__ = ["IngestReport", "Limits", "ingest", "to_article"]
