"""The build and its stages: seeds, layout parsers, spans, statements, schemas, linking and the pipeline that checks them into records."""
