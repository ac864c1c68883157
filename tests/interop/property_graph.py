"""Loads newskg's property-graph exports into the real tools and prints what came through, as
JSON, for the Rust tests (tests/it/pg.rs) to compare with the store.

    property_graph.py graphml FILE          NetworkX: node and edge counts, attributes of all
    property_graph.py ladybug DIR QUERY_FILE  LadybugDB (the continuation of Kùzu, archived in
                                            2025): COPY nodes.csv and relationships.csv into an
                                            embedded database, run the Cypher query in QUERY_FILE
    property_graph.py svg FILE              the text of every <text> element of an SVG
"""

import json
import sys
import tempfile


def graphml(path):
    import networkx as nx

    g = nx.read_graphml(path)
    return {
        "multigraph": g.is_multigraph(),
        "directed": g.is_directed(),
        "nodes": {n: attrs for n, attrs in g.nodes(data=True)},
        "edges": {
            key: {"source": u, "target": v, **attrs}
            for u, v, key, attrs in g.edges(keys=True, data=True)
        },
    }


# LadybugDB types for the Neo4j header types. LadybugDB (like Kùzu before it) reads columns by
# position and has no syntax for Neo4j's `|`-delimited arrays, so arrays stay strings here.
LADYBUG_TYPES = {"": "STRING", "float": "DOUBLE", "boolean": "BOOLEAN", "int": "INT64"}


def ladybug_columns(header):
    columns = []
    for field in header:
        name, _, typ = field.partition(":")
        if field == "id:ID":
            columns.append(("id", "STRING PRIMARY KEY"))
        elif field == ":LABEL":
            columns.append(("labels", "STRING"))
        elif field in (":START_ID", ":END_ID"):
            continue
        elif field == ":TYPE":
            columns.append(("type", "STRING"))
        elif typ.endswith("[]"):
            columns.append((name, "STRING"))
        else:
            columns.append((name, LADYBUG_TYPES[typ]))
    return columns


def ladybug(directory, query_file):
    import csv
    import os

    import ladybug as lb

    def header(name):
        with open(os.path.join(directory, name), newline="", encoding="utf-8") as f:
            return next(csv.reader(f))

    node_columns = ladybug_columns(header("nodes.csv"))
    rel_header = header("relationships.csv")
    assert rel_header[:2] == [":START_ID", ":END_ID"], rel_header
    rel_columns = ladybug_columns(rel_header)
    with tempfile.TemporaryDirectory() as tmp:
        db = lb.Database(os.path.join(tmp, "db"))
        conn = lb.Connection(db)
        conn.execute(
            "CREATE NODE TABLE Entity("
            + ", ".join(f"{n} {t}" for n, t in node_columns)
            + ")"
        )
        conn.execute(
            "CREATE REL TABLE Relation(FROM Entity TO Entity, "
            + ", ".join(f"{n} {t}" for n, t in rel_columns)
            + ")"
        )
        # PARALLEL=false: the parallel CSV reader refuses quoted fields with line breaks.
        for table, name in (("Entity", "nodes.csv"), ("Relation", "relationships.csv")):
            path = os.path.join(directory, name)
            conn.execute(f"COPY {table} FROM '{path}' (HEADER=true, PARALLEL=false)")
        counts = {
            "nodes": conn.execute("MATCH (n:Entity) RETURN count(n)").get_next()[0],
            "edges": conn.execute("MATCH ()-[r:Relation]->() RETURN count(r)").get_next()[0],
        }
        with open(query_file, encoding="utf-8") as f:
            result = conn.execute(f.read())
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(result.get_next())
        return {"counts": counts, "columns": columns, "rows": rows}


def svg(path):
    import xml.etree.ElementTree as ET

    root = ET.parse(path).getroot()
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    return {"texts": texts}


def main():
    command, *args = sys.argv[1:]
    result = {"graphml": graphml, "ladybug": ladybug, "svg": svg}[command](*args)
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
