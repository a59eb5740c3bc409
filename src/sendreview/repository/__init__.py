"""A trust's review repository on disk: its layout, frameworks, files, scaffold and checks."""
