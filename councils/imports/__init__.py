"""Excel imports of a council's structure by its own staff (issue 16 §2): deputies, electoral units, bodies,
memberships and agencies, each with its template, all-or-nothing, idempotent on a natural key.

``specs`` (what each import reads and how it matches), ``base`` (the all-or-nothing run), ``services``
(starting an import), ``jobs`` (running it, at once or from ``councils.tasks``), ``views`` (its pages)."""
