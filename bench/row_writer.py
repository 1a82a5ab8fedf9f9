"""Rows written straight into a model's table, for generating archives at scale."""

from django.db import connections


class RowWriter:
    """Inserts one model's rows as tuples (`executemany`, COPY on PostgreSQL): what
    `bulk_create` writes, without a model instance and a compiled statement per row,
    where a million videos spent most of their time. Every column not in `varying`
    takes the value a new instance would save (defaults, empty images, no search
    vector); `varying` values arrive ready for the database."""

    def __init__(self, model, varying, using="default"):
        self.connection = connections[using]
        prototype = model()
        constant = [
            f
            for f in model._meta.concrete_fields
            if f.column not in varying and not f.primary_key
        ]
        self.tail = tuple(
            f.get_db_prep_save(f.pre_save(prototype, add=True), self.connection)
            for f in constant
        )
        columns = [*varying, *(f.column for f in constant)]
        quote = self.connection.ops.quote_name
        table = f"{quote(model._meta.db_table)} ({', '.join(map(quote, columns))})"
        self.sql = f"INSERT INTO {table} VALUES ({', '.join(['%s'] * len(columns))})"
        self.copy_sql = f"COPY {table} FROM STDIN"

    def write(self, rows):
        """`rows`: tuples of the `varying` columns' values, in that order."""
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                # COPY: one stream per chunk instead of a statement per row.
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row + self.tail)
            else:
                cursor.executemany(self.sql, [row + self.tail for row in rows])
        return len(rows)
