"""The render layer: validated data turned into values, tables, help cards and charts."""
