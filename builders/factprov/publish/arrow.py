"""Typed Arrow tables of the data files, and their Parquet bytes.

The JSONL data files are read with pyarrow's JSON reader against the features' Arrow
schema (ClassLabel columns first as strings, then mapped to their integers), so a
table holds exactly what ``datasets`` gives for the same file and card. The Parquet
bytes depend only on the table and the pyarrow version: no timestamps, no statistics
that vary, one row group per file.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from factprov.base.writer import lines

if TYPE_CHECKING:
    import datasets


def _label_columns(features: "datasets.Features") -> dict[str, list[str]]:
    import datasets

    return {name: f.names for name, f in features.items() if isinstance(f, datasets.ClassLabel)}


def table(jsonl: bytes | bytearray, features: "datasets.Features") -> pa.Table:
    """The rows of one JSONL data file as a table with the features' Arrow schema."""
    schema = features.arrow_schema
    labels = _label_columns(features)
    as_read = pa.schema([pa.field(f.name, pa.string()) if f.name in labels else f for f in schema])
    if not jsonl:
        return schema.empty_table()
    read = pa_json.read_json(
        pa.BufferReader(pa.py_buffer(jsonl)),  # no copy of the data file
        read_options=pa_json.ReadOptions(block_size=max(1 << 20, max(map(len, lines(jsonl))) + 2), use_threads=False),
        parse_options=pa_json.ParseOptions(explicit_schema=as_read, unexpected_field_behavior="error"),
    )
    columns = []
    for field in schema:
        column = read.column(field.name)
        if field.name in labels:
            names = labels[field.name]
            codes = pc.index_in(column, value_set=pa.array(names))
            if codes.null_count != column.null_count:
                raise ValueError(f"{field.name}: a value is not one of the labels {names}")
            column = codes.cast(field.type)
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=schema)


def parquet(table_: pa.Table) -> bytes:
    """Deterministic Parquet bytes of a table (one row group; the schema's metadata, features included, kept)."""
    sink = io.BytesIO()
    pq.write_table(table_, sink, row_group_size=max(1, table_.num_rows), compression="zstd",
                   write_statistics=False, store_schema=True)
    return sink.getvalue()


def read(parquet_bytes: bytes) -> pa.Table:
    return pq.read_table(io.BytesIO(parquet_bytes))
