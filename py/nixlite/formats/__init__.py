"""Data formats, as pure conversions: JSON (``json``), TOML (``toml``),
XML (``xml``), POSIX extended regular expressions as C++ Nix's libstdc++
runs them (``regex``) and Nix's version strings (``versions``).

Nothing here imports the evaluator (``runtime``, ``builtins``, ``eval``):
the printers that need a thunk forced or a path copied are generators that
yield requests, which their caller answers (``builtins.formats.drive`` in
an evaluation, callbacks in ``store/``). The builtins that expose these
(``builtins.toJSON``, ``fromTOML``, ``match``...) are thin wrappers in
``builtins/formats.py``.
"""
