"""Parses RDF files with rdflib or pyoxigraph and prints what each parser read, as JSON.

Reads a JSON list of jobs on standard input: {"tool": "rdflib" | "pyoxigraph", "format": name,
"file": path}, with a format name of newskg's (turtle, trig, ntriples, nquads, rdfxml, jsonld).
Prints a JSON list with, for each job, {"quads": [[s, p, o, g], ...]} or {"error": message}. A
term is {"type": "uri" | "bnode" | "literal", "value": ..., "lang": ..., "datatype": ...} (as
in SPARQL's JSON results); g is null for the default graph. Every quad the tool gives is listed,
duplicates included, so that their number is the tool's count.
"""

import json
import sys
import traceback

RDFLIB_FORMATS = {
    "turtle": "turtle",
    "trig": "trig",
    "ntriples": "nt",
    "nquads": "nquads",
    "rdfxml": "xml",
    "jsonld": "json-ld",
}


def rdflib_term(term):
    import rdflib

    if isinstance(term, rdflib.URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, rdflib.BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, rdflib.Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language is not None:
            out["lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return out
    raise TypeError(f"unexpected rdflib term {term!r}")


def with_rdflib(fmt, path):
    import rdflib
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    dataset = rdflib.Dataset()
    dataset.parse(path, format=RDFLIB_FORMATS[fmt])
    quads = []
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = getattr(g, "identifier", g)
        graph = None if graph is None or graph == DATASET_DEFAULT_GRAPH_ID else rdflib_term(graph)
        quads.append([rdflib_term(s), rdflib_term(p), rdflib_term(o), graph])
    return quads


def oxigraph_term(term):
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language is not None:
            out["lang"] = term.language
        else:
            out["datatype"] = term.datatype.value
        return out
    raise TypeError(f"unexpected pyoxigraph term {term!r}")


def with_pyoxigraph(fmt, path):
    import pyoxigraph as ox

    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "trig": ox.RdfFormat.TRIG,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "rdfxml": ox.RdfFormat.RDF_XML,
        "jsonld": ox.RdfFormat.JSON_LD,
    }
    quads = []
    for q in ox.parse(path=path, format=formats[fmt]):
        graph = None if isinstance(q.graph_name, ox.DefaultGraph) else oxigraph_term(q.graph_name)
        quads.append([oxigraph_term(q.subject), oxigraph_term(q.predicate), oxigraph_term(q.object), graph])
    return quads


def main() -> None:
    tools = {"rdflib": with_rdflib, "pyoxigraph": with_pyoxigraph}
    out = []
    for job in json.load(sys.stdin):
        try:
            out.append({"quads": tools[job["tool"]](job["format"], job["file"])})
        except Exception:  # the test reports it, with the file and the tool
            out.append({"error": traceback.format_exc()})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
