"""``field__any_of=[…]``: the field is one of the values, sent as ONE parameter.

Django's ``__in`` prepares each value of its list one by one and writes one placeholder per value, and
psycopg then parses the long statement again on every execution (its cache keeps only short ones): for the
compliance engine's 30 statements over some 170 councils each, ~40 ms of a 0.2 s evaluation went there
(issue 13). On PostgreSQL ``= ANY(%s)`` takes the list as one array; elsewhere it is ``IN (…)`` as usual.
The values must already be what the column holds (ids, codes): they are not prepared.
"""

from __future__ import annotations

from django.db.models import Field, Lookup


@Field.register_lookup
class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)  # none: false on both backends (PostgreSQL's ANY('{}'), SQLite's IN ())

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", [*lhs_params, self.rhs]
        return f"{lhs} IN ({', '.join(['%s'] * len(self.rhs))})", [*lhs_params, *self.rhs]
