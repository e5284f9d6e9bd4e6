"""The pure core: plain data in, plain data out.

Nothing under ``reinstate.core`` imports Django, a database driver or a network library;
``tests/test_layering.py`` enforces it.
"""
