"""The build and its stages: seed folders and their input files, the sources registry, layout parsers,
spans, statements, schemas, linking, and the pipeline that checks them into records (the annotation
guidelines, stated once, live here too)."""
