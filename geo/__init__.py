"""Pure-Python core of the atlas: load and validate data, the time model, queries, HTML."""
