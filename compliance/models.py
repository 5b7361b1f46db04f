"""Quota rules as data, their evaluation runs and results (built in the compliance engine issue)."""
