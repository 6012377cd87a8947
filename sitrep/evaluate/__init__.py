"""Scorers for the gold data sets: each returns a flat dict of figures (the --json output)."""
