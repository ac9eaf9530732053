"""The patient-site engine: validated dosing data rendered into Markdown pages.

Pure Python with no MkDocs import, so it can be driven by any build tool.
"""
