#!/usr/bin/env python3
"""Writes vector-test's PgVectorCases rows from pgvector's regression expectations.

Usage: scripts/pgvector-cases.py <pgvector source>/test/expected > rows.txt
(the source from `apt-get source pgvector`; never commit it). Prints one Java row per server call whose
function, operator, input or cast an adapter exposes; the rest (comparison operators, arithmetic, btree
support functions, index tests, multi-row results) is left out.
"""
import re
import sys

FILES = ["vector_type", "halfvec", "sparsevec", "bit", "cast"]
FUNCTIONS = {"l2_distance": "L2_DISTANCE", "inner_product": "INNER_PRODUCT", "cosine_distance": "COSINE_DISTANCE",
             "l1_distance": "L1_DISTANCE", "hamming_distance": "HAMMING_DISTANCE",
             "jaccard_distance": "JACCARD_DISTANCE", "vector_dims": "VECTOR_DIMS", "vector_norm": "VECTOR_NORM",
             "l2_norm": "L2_NORM", "l2_normalize": "L2_NORMALIZE", "binary_quantize": "BINARY_QUANTIZE",
             "subvector": "SUBVECTOR"}
OPERATORS = {"<->": "L2_OPERATOR", "<#>": "NEGATIVE_INNER_PRODUCT_OPERATOR", "<=>": "COSINE_OPERATOR",
             "<+>": "L1_OPERATOR"}
TYPES = {"vector": "vector", "halfvec": "halfvec", "sparsevec": "sparsevec", "varbit": "bit", "bit": "bit"}


def parse(path):
    lines = open(path).read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not (line.startswith("SELECT") and line.endswith(";")):
            continue
        if lines[i].startswith("ERROR:"):
            yield line, ("error", lines[i][len("ERROR:"):].strip())
            i += 1
            continue
        i += 2
        rows = []
        while not re.match(r"\(\d+ rows?\)", lines[i]):
            rows.append(lines[i].strip())
            i += 1
        i += 1
        if len(rows) == 1:
            yield line, ("value", rows[0])


def java(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


LIT = r"'([^']*)'(?:::(vector|halfvec|sparsevec|varbit)(?:\((\d+)\))?)?"


def arg(text, type_):
    if type_ is None:
        return None
    return "%s(%s)" % (TYPES[type_], java(text))


def args_of(body, default):
    out = []
    typed = None
    for part in re.findall(r"'[^']*'(?:::[a-z]+(?:\(\d+\))?)?|-?\d+", body):
        m = re.fullmatch(LIT, part)
        if m:
            t = m.group(2)
            typed = typed or t
            out.append((m.group(1), t))
        else:
            out.append((part, "int"))
    rendered = []
    for text, t in out:
        if t == "int":
            rendered.append("integer(%s)" % text)
        else:
            rendered.append(arg(text, t or typed or default))
    return rendered


def rows(directory):
    for name in FILES:
        for sql, (kind, result) in parse(directory + "/" + name + ".out"):
            expected = ("value(%s)" if kind == "value" else "error(%s)") % java(result)
            head = "%s, %s, %s" % (java(name), java(sql), expected)
            m = re.fullmatch(r"SELECT ([a-z0-9_]+)\((.*)\)(::real)?;", sql)
            if m and m.group(1) in FUNCTIONS:
                default = "bit" if m.group(1) in ("hamming_distance", "jaccard_distance") else "vector"
                if m.group(3):
                    head = head.replace(", value(", ", real(", 1)
                yield "row(%s, Call.%s, %s)" % (head, FUNCTIONS[m.group(1)], ", ".join(args_of(m.group(2), default)))
                continue
            m = re.fullmatch(r"SELECT (" + LIT + r") (<->|<#>|<=>|<\+>) ('[^']*');", sql)
            if m:
                a = args_of(m.group(1) + ", " + m.group(6), "vector")
                yield "row(%s, Call.%s, %s)" % (head, OPERATORS[m.group(5)], ", ".join(a))
                continue
            m = re.fullmatch(r"SELECT '([^']*)'::(vector|halfvec|sparsevec)(?:\((\d+)\))?;", sql)
            if m:
                yield "row(%s, to(%s, %s), text(%s))" % (head, java(m.group(2)), m.group(3) or 0, java(m.group(1)))
                continue
            m = re.fullmatch(r"SELECT '([^']*)'::(vector|halfvec|sparsevec)::(vector|halfvec|sparsevec)(?:\((\d+)\))?;", sql)
            if m:
                yield "row(%s, to(%s, %s), %s)" % (head, java(m.group(3)), m.group(4) or 0, arg(m.group(1), m.group(2)))
                continue
            m = re.fullmatch(r"SELECT '\{([^']*)\}'::(real|double precision)\[\]::(vector|halfvec|sparsevec)(?:\((\d+)\))?;", sql)
            if m and "{" not in m.group(1) and "NULL" not in m.group(1):
                source = "reals" if m.group(2) == "real" else "doubles"
                yield "row(%s, to(%s, %s), %s(%s))" % (head, java(m.group(3)), m.group(4) or 0, source, java(m.group(1)))
                continue


if __name__ == "__main__":
    for r in rows(sys.argv[1]):
        print("        " + r + ",")
