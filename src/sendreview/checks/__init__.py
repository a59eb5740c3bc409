"""Checks that need more than the model: the framework, the trust file, the words used.

Each check takes loaded models and the document they came from, and returns diagnostics;
none of them reads files or prints.
"""
