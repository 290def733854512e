"""``nixlite repl``: a read-eval-print loop like ``nix repl``.

``commands`` handles one input (expressions, bindings, ``:`` commands),
``completion`` completes names and attribute paths, ``history`` keeps the
input history in the user's state directory, and ``loop`` is the line loop
of the command line (readline when there is one, plain ``input()`` when
not). All of it works on a ``nixlite.session.Session``.
"""
