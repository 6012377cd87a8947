"""Extraction: article text -> claims (one event as told by one sentence).

One module per field (sentences, events, actors, dates, casualties, sources) so a later,
learned extractor can reuse the field readers it does not replace. ``extract_article`` is the
rule-based baseline; ``EXTRACTOR_VERSION`` is stamped on every claim it makes.
"""

from sitrep.extract.baseline import EXTRACTOR_VERSION, extract_article

__all__ = ["EXTRACTOR_VERSION", "extract_article"]
