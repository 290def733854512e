"""What builtins and VM helpers may ask the VM for.

Builtins that call back into Nix code are Python generators. They ``yield``
a request tuple and receive the answer, so that nothing recurses on the host
stack. Errors raised while answering are thrown into the generator (a
``try``/``except NixError`` around a ``yield`` sees them, as ``tryEval`` does).

=========================  ==================================================
request                    answer
=========================  ==================================================
``(FORCE, v)``             ``v`` in weak head normal form
``(CALL, f, a)``           the result of ``f a``, forced
``(CALL2, f, a, b)``       the result of ``f a b``, forced
``(DEEP, v)``              ``v`` with everything inside forced (returns v)
``(EQ, a, b)``             ``a == b`` as Nix decides it (bool)
``(LESS, a, b)``           ``a < b`` as Nix decides it (bool)
``(COERCE, v, flags)``     a string (``str``/``NixStr``); flags below
``(WARN, message)``        None; records an evaluation warning
=========================  ==================================================

Plain helpers: ``(yield FORCE, x)`` is the idiom to force an argument.
"""

FORCE = 0
CALL = 1
CALL2 = 2
DEEP = 3
EQ = 4
LESS = 5
COERCE = 6
WARN = 7

# COERCE flags (C++ Nix's coerceToString arguments)
STRONG = 1       # coerceMore: also null, bools, numbers, lists
COPY = 2         # copyToStore: paths are copied to the store (else kept as paths)
