"""sendreview: a Multi-Academy Trust's SEND reviews as version-controlled data.

The package is a library first: :mod:`sendreview.commands` and the layers beneath them
return data, and :mod:`sendreview.cli` is a thin command line over them.
"""

__version__ = "0.1.0"
