"""The publishing layer: what the finished site carries besides its pages."""
