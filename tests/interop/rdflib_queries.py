"""Runs SPARQL queries with rdflib, a second SPARQL engine, on a TriG export of the graph.

Reads a JSON list of jobs on standard input: {"query": text, "bindings": {var: N-Triples term},
"hidden": [var, ...]}; loads the TriG file named on the command line as one dataset whose default
graph is the union of its graphs (as newskg's store queries it); prints a JSON list of results:
{"vars": [...], "rows": [[value or null, ...], ...]} with the hidden variables left out.
"""

import json
import sys

import rdflib
from rdflib.util import from_n3


def main() -> None:
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(sys.argv[1], format="trig")
    out = []
    for job in json.load(sys.stdin):
        bindings = {k: from_n3(v) for k, v in job["bindings"].items()}
        result = dataset.query(job["query"], initBindings=bindings)
        names = [str(v) for v in result.vars if str(v) not in job["hidden"]]
        rows, seen = [], set()
        for row in result:
            values = row.asdict()
            cells = [str(values[n]) if n in values else None for n in names]
            # As newskg does: without the parameter columns, equal rows are one row.
            if tuple(cells) not in seen:
                seen.add(tuple(cells))
                rows.append(cells)
        out.append({"vars": names, "rows": rows})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
