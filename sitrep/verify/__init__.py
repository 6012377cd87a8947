"""Verification: checks of extracted claims against what is already known.

``reference``: look each claim up in a reference event dataset the user trusts (UCDP GED,
ACLED, or sitrep's own exports of either) and say whether it is matched, differs in its
figures, has no reference event, or cannot be checked, and why.
"""
