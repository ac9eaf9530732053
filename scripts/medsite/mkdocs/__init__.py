"""The only part of medsite that imports MkDocs: the plugin, its config and a build hook."""
