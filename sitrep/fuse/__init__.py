"""Fuse: claims from many articles -> events, with independent-source counts and conflicts."""

from sitrep.fuse.stage import FuseReport, fuse

__all__ = ["FuseReport", "fuse"]
