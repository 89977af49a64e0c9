"""Column facets that a full-text search matching many rows counts on request.

Datasette counts each column facet with its own query over the filtered rows.
On a search those rows are read one by one from the table (the search finds
row ids in the full-text index; the facet's value is in the row): at a million
statements a two-word search matching 80,000 of them took 90 ms per facet,
360 ms of a 550 ms page for four facets. An index does not help: each of the
80,000 ids is still looked up on its own (a narrow covering index on the id and
the faceted columns was no faster than the table).

So the statements page's configured facets are of this type (``tracker serve``
turns the statements table's column facets in metadata.json into it): Datasette's
own column facet, counted as usual on the whole table, on filters and on searches
matching up to ``SEARCH_FACET_LIMIT`` rows. Past that a search shows its rows
and its count, and the page offers the facets with a link that asks Datasette
for them (``?_facet=speaker_id&...``): exact counts, on request.

A search within the limit has its facets counted in one query: the matching rows'
faceted columns read once (a materialized CTE), then grouped per column. Datasette's
one query per facet reads the matching rows again for each: 41 ms against 12 ms for
four facets over a search matching 1,589 of a million statements.
"""

from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args

# The type name metadata uses for these facets: {"tracker_column": "speaker_id"}.
FACET_TYPE = "tracker_column"
# Rows a search may match and still get its facets counted on every page view. Each facet reads
# every matching row (about 1 ms per 1,000 rows at a million statements): 10,000 rows keep four
# facets within about 40 ms.
SEARCH_FACET_LIMIT = 10_000


def is_search(request) -> bool:
    """Whether the request filters by full-text search (?_search= or ?_search_COLUMN=)."""
    return any(key.startswith("_search") and key != "_searchmode" and request.args.get(key)
               for key in request.args)


def requested_facets(request) -> set[str]:
    """Columns the request itself asks to facet by (?_facet=COLUMN)."""
    return set(request.args.getlist("_facet"))


def counts_on_request(request, row_count: int | None) -> bool:
    """A search that matches more rows than its facets are counted for on every page view
    (or whose count is unknown: Datasette was told not to count, or the count timed out)."""
    return is_search(request) and (row_count is None or row_count > SEARCH_FACET_LIMIT)


class SearchLimitedColumnFacet(ColumnFacet):
    type = FACET_TYPE

    def get_configs(self):
        # A column also asked for with ?_facet= is counted by Datasette's own column facet:
        # counting it here too would show it twice.
        asked = requested_facets(self.request)
        return [c for c in super().get_configs()
                if (c["config"].get("column") or c["config"]["simple"]) not in asked]

    async def suggest(self):
        return []  # Datasette's column facet suggests columns; once is enough

    async def facet_results(self):
        if counts_on_request(self.request, self.row_count):
            return [], []
        if is_search(self.request):
            results, timed_out = await self._counted_together()
        else:  # the whole table or a filter: each facet's own query can read an index
            results, timed_out = await super().facet_results()
        for result in results:
            result["type"] = "column"  # shown and served exactly as Datasette's column facets
        return results, timed_out

    async def _counted_together(self):
        """Datasette's column facet results for every configured column, from one query."""
        configs = self.get_configs()
        if not configs:
            return [], []
        columns = [c["config"].get("column") or c["config"]["simple"] for c in configs]
        facet_size = self.get_facet_size()
        per_column = " union all ".join(
            f"select * from (select {number} as facet, {escape_sqlite(column)} as value, count(*) as count"
            f" from matched where {escape_sqlite(column)} is not null group by {escape_sqlite(column)}"
            f" order by count desc, value limit {facet_size + 1})"
            for number, column in enumerate(columns))
        sql = (f"with matched as materialized (select {', '.join(escape_sqlite(c) for c in columns)}"
               f" from ({self.sql})) {per_column}")
        try:
            rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                         custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted:
            return [], columns
        counted = {number: [] for number in range(len(columns))}
        for row in rows.rows:
            counted[row["facet"]].append(row)
        results = []
        for number, (config, column) in enumerate(zip(configs, columns)):
            results.append(await self._column_result(column, config["source"], counted[number], facet_size))
        return results, []

    async def _column_result(self, column, source, rows, facet_size) -> dict:
        """One column's facet, shaped as Datasette's ColumnFacet shapes it."""
        qs_pairs = self.get_querystring_pairs()
        shown = rows[:facet_size]
        expanded = await self.ds.expand_foreign_keys(
            self.database, self.table, column, [row["value"] for row in shown]) if self.table else {}
        values = []
        for row in shown:
            column_qs = f"{column}__exact" if column.startswith("_") else column
            selected = (column_qs, str(row["value"])) in qs_pairs
            toggle_path = (path_with_removed_args(self.request, {column_qs: str(row["value"])}) if selected
                           else path_with_added_args(self.request, {column_qs: row["value"]}))
            values.append({
                "value": row["value"],
                "label": expanded.get((column, row["value"]), row["value"]),
                "count": row["count"],
                "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle_path)),
                "selected": selected,
            })
        return {
            "name": column,
            "type": self.type,
            "hideable": source != "metadata",
            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
            "results": values,
            "truncated": len(rows) > facet_size,
        }
