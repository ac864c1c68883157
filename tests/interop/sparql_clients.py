"""Asks SPARQL queries over HTTP with two real clients, SPARQLWrapper and rdflib's SPARQLStore.

    sparql_clients.py ENDPOINT < jobs.json

Reads a JSON list of jobs on standard input, {"query": text, "bindings": {var: N-Triples term}};
binds the parameters in the text (the protocol has no parameters) and prints a JSON list with,
for each job, {"bound": the text asked, "wrapper": rows, "rdflib": rows}: rows as lists of
strings (None for unbound), in the order the endpoint gave them, each value as its lexical form;
an xsd:boolean as its canonical form, "true" or "false" (Virtuoso writes 1 and 0, the same values).
"""

import json
import re
import sys

from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper


def substitute(query, bindings):
    """`query` with each variable of `bindings` bound to its term in the text, as Oxigraph's
    substitution (SEP-0007) binds it: in the projection ?v becomes (T AS ?v) (a subquery's
    projection drops it), in GROUP BY (T), elsewhere T."""
    def repl_all(text, var, term, mode):
        pat = re.compile(r"[?$]" + re.escape(var) + r"(?![A-Za-z0-9_\u00B7\u0300-\u036F\u203F-\u2040])")
        if mode == "select":
            return pat.sub(f"({term} AS ?{var})", text)
        if mode == "subselect":
            # A subquery's projection loses it: the term stands in its pattern instead.
            return pat.sub("", text)
        if mode == "group":
            return pat.sub(f"({term})", text)
        return pat.sub(term, text)
    out, i, seen = [], 0, []
    clause = re.compile(r"\bSELECT\b(?:\s+(?:DISTINCT|REDUCED))?(.*?)(?=\bWHERE\b|\{)|\bGROUP\s+BY\b(.*?)(?=\bORDER\b|\bHAVING\b|\bLIMIT\b|\}|$)", re.S | re.I)
    for m in clause.finditer(query):
        chunk = query[i:m.start()]
        for v, t in bindings.items(): chunk = repl_all(chunk, v, t, "plain")
        out.append(chunk)
        body = m.group(0)
        mode = "group"
        if body.upper().startswith("SELECT"):
            mode = "select" if not any(o.startswith("SELECT") for o in seen) else "subselect"
            seen.append("SELECT")
        # the clause's head word stays; its variables are replaced
        head_len = len(body) - len(m.group(2) if mode == "group" else m.group(1))
        head, rest = body[:head_len], body[head_len:]
        for v, t in bindings.items(): rest = repl_all(rest, v, t, mode)
        out.append(head + rest)
        i = m.end()
    chunk = query[i:]
    for v, t in bindings.items(): chunk = repl_all(chunk, v, t, "plain")
    out.append(chunk)
    return "".join(out)


XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def canonical(value, datatype):
    """A boolean's lexical forms 1 and 0 are the values true and false."""
    if datatype == XSD_BOOLEAN:
        return {"1": "true", "0": "false"}.get(value, value)
    return value


def with_wrapper(endpoint, query):
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery(query)
    client.setReturnFormat(JSON)
    answer = client.query().convert()
    names = answer["head"]["vars"]
    return [
        [canonical(row[n]["value"], row[n].get("datatype")) if n in row else None for n in names]
        for row in answer["results"]["bindings"]
    ]


def with_rdflib(endpoint, query):
    # By POST, as a form: rdflib puts its own prefixes before the query, past the 8 KB that a
    # URL may take here (as on Oxigraph's own server); and Virtuoso 7.2 never answers a query
    # POSTed as application/sparql-query, the other way the protocol allows.
    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json", method="POST_FORM"))
    result = graph.query(query)
    names = [str(v) for v in result.vars]
    rows = []
    for row in result:
        values = row.asdict()
        rows.append([
            canonical(str(values[n]), str(getattr(values[n], "datatype", None))) if n in values else None
            for n in names
        ])
    return rows


def main():
    endpoint = sys.argv[1]
    out = []
    for job in json.load(sys.stdin):
        # Without the header's comments: they hold Arabic, and rdflib's POST gives the length
        # of a text in characters where HTTP counts bytes.
        text = "\n".join(line for line in job["query"].split("\n") if not line.lstrip().startswith("#"))
        query = substitute(text, job["bindings"])
        out.append({
            "bound": query,
            "wrapper": with_wrapper(endpoint, query),
            "rdflib": with_rdflib(endpoint, query),
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
