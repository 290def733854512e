"""The resource limits of one evaluation, and the one rule for each.

- **Depth.** Calls and forces nest at most ``max_depth`` deep (the runtime
  sets CPython's recursion limit from it, see runtime.core.run). Every walk
  over data (equality, ordering, string coercion of lists, deep forcing,
  printing, toJSON, toXML) is iterative and counts the containers it is
  inside against the same number with ``nest``: a self-referencing or
  endless value ends in the stack overflow error Nix gives, never in an
  endless loop or a heap that grows until the process dies.
- **Size.** One string holds at most ``max_string`` characters and one list
  at most ``max_list`` elements; whatever builds a longer one (``+``,
  interpolation, ``++``, genList, concatLists, replaceStrings,
  concatStringsSep, toJSON, toXML...) checks with ``string_size`` /
  ``list_size`` *before* building it, so a doubling bomb ends in an error
  naming the limit, never in a killed process or worker.

The defaults suit the command line: 2^28 characters (256 MiB of ASCII
text) and 2^26 elements (512 MiB of 8-byte pointers) are far beyond what
real Nix code builds (nixpkgs' largest strings and lists are megabytes and
hundreds of thousands of elements), yet a doubling bomb's peak (the last
value that fits plus the one refused: 1.5 times the cap) stays within a
laptop's memory, and output that grows with the square of the nesting
(``toXML`` of a self-referencing value) stops within a second. The browser
worker sets tighter ones (web/bridge.py: WebAssembly has 32-bit pointers
and at most 4 GiB). Both can be changed with the settings
``max-string-length`` and ``max-list-length`` (``--option NAME N`` on the
command line, ``settings`` of ``nixlite.evaluate``).

This module imports nothing of the evaluator (errors.py only when it
raises), so ``formats/`` and ``value/`` may use it. ``runtime.core.run`` sets ``LIMITS`` for the
evaluation it runs and restores it afterwards.
"""

from __future__ import annotations

# The default call-depth limit: nested calls and forces (about one Python
# frame each; a Nix call takes one to three), and nesting levels of data
# that is compared, forced or printed. 100,000-deep Nix recursion fits; an
# endless one stops in well under a second.
MAX_DEPTH = 250_000
MAX_STRING = 1 << 28        # characters in one string (command line)
MAX_LIST = 1 << 26          # elements in one list (command line)

# the settings that change the size limits (api.evaluate's ``settings``)
STRING_SETTING = "max-string-length"
LIST_SETTING = "max-list-length"


class Limits:
    """The limits in force (one evaluation runs at a time per interpreter)."""
    __slots__ = ("max_depth", "max_string", "max_list")

    def __init__(self, max_depth: int = MAX_DEPTH, max_string: int = MAX_STRING, max_list: int = MAX_LIST):
        self.max_depth = max_depth
        self.max_string = max_string
        self.max_list = max_list

    def save(self) -> tuple:
        return self.max_depth, self.max_string, self.max_list

    def restore(self, saved: tuple) -> None:
        self.max_depth, self.max_string, self.max_list = saved


LIMITS = Limits()


def stack_overflow():
    """Current Nix's error for calls or data nested past ``max-call-depth``."""
    from .errors import EvalError
    return EvalError("stack overflow; max-call-depth exceeded")


def nest(depth: int) -> int:
    """The depth of the values inside a container at ``depth``: ``depth +
    1``, or past the call-depth limit the stack overflow error. The one
    depth rule of every walk over data: the value walked is at depth 1 (as
    current Nix counts one call per level, leaves included), so data at most
    ``max_depth`` levels deep passes."""
    depth += 1
    if depth > LIMITS.max_depth:
        raise stack_overflow()
    return depth


def string_size(n: int) -> int:
    """``n``, when a string of ``n`` characters is within the limit."""
    if n > LIMITS.max_string:
        from .errors import EvalError
        raise EvalError(f"string of {n} characters is longer than the limit of "
                        f"{LIMITS.max_string} (setting '{STRING_SETTING}')")
    return n


def list_size(n: int) -> int:
    """``n``, when a list of ``n`` elements is within the limit."""
    if n > LIMITS.max_list:
        from .errors import EvalError
        raise EvalError(f"list of {n} elements is longer than the limit of "
                        f"{LIMITS.max_list} (setting '{LIST_SETTING}')")
    return n


def size_setting(settings: dict, name: str, default: int) -> int:
    """The size limit that setting ``name`` gives (a positive integer, or
    its decimal text), else ``default``."""
    v = settings.get(name)
    if v is None:
        return default
    try:
        n = int(v)
    except (TypeError, ValueError):
        n = 0
    if n < 1 or isinstance(v, bool):
        from .errors import EvalError
        raise EvalError(f"setting '{name}' must be a positive integer, not '{v}'")
    return n
