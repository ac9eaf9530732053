"""The commands editors and CI run: check, review, changes, page, schema, prerender, build."""
