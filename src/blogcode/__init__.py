"""Helper package of *Scientific Spaces, executable*.

Each module serves one subject of the book; articles import from these modules
and keep their own cells short.
"""

__version__ = "0.1.0"
