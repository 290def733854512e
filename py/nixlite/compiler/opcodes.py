"""The bytecode vocabulary.

A chunk's code is a flat list ``[op, arg, op, arg, ...]``: every
instruction is an opcode int followed by one operand (any Python object:
a slot number, a constant value, a name, a jump target, a tuple). The translator
reads both with one index and ``ip += 2``; no constant-table indirection.
"""

# loads and stores
CONST = 0          # push arg
LOCAL = 1          # push locals[arg]
LOCAL_F = 2        # push locals[arg], forced
UPVAL = 3          # push upvalues[arg]
UPVAL_F = 4        # push upvalues[arg], forced
SET_LOCAL = 5      # locals[arg] = pop
POP = 6
FORCE = 7          # force the top of the stack
RETURN = 8

# building values
THUNK = 9          # arg: Lambda; push a suspended thunk capturing its upvalues
THUNK_DEFER = 10   # same, upvalues captured later by FINALISE
CLOSURE = 11       # arg: Lambda; push a closure capturing its upvalues
CLOSURE_DEFER = 12
FINALISE = 13      # arg: slot; capture the upvalues of the deferred thunk/closure there
LIST = 14          # arg: n; pop n values into a list
ATTRS = 15         # arg: (names, positions); pop len(names) values into an attribute set
ATTR_DYN = 16      # arg: span; pop value, key; add to the set on top (null key: skipped)
READY_THUNK = 17   # wrap the top in an evaluated-but-unforced thunk (for lazy printing)

# attribute access
SELECT = 18        # arg: name; pop set, push set.name (not forced)
SELECT_F = 19      # arg: name; pop set, push set.name forced
SELECT_DYN = 20    # pop key, set; push set.key (not forced)
SELECT_OR = 21     # arg: (name or None, target); pop key if name is None; missing/not a set: jump
HAS_STEP = 22      # arg: (name or None, target); like SELECT_OR but pushes false on failure
HAS = 23           # arg: name or None; pop set (and key); push bool

# control flow
JUMP = 24
JUMP_IF_FALSE = 25  # pop a bool; jump if false
JFALSE_OR_POP = 26  # &&: if false keep it and jump, else pop
JTRUE_OR_POP = 27   # ||
IMPL_JUMP = 28      # ->: if false replace by true and jump, else pop
ASSERT_BOOL = 29
ASSERT = 30         # arg: message; pop a bool; fail if false

# calls
CALL = 31          # pop function, pop argument; push the forced result
TAILCALL = 32      # the same, replacing the current frame

# operators
ADD = 33
SUB = 34
MUL = 35
DIV = 36
EQ = 37
NEQ = 38
LT = 39
LE = 40
GT = 41
GE = 42
NOT = 43
NEG = 44
CONCAT = 45        # ++
UPDATE = 46        # //
INTERP = 47        # arg: n; pop n strings, push their concatenation
COERCE = 48        # coerce the top to a string for interpolation
PATH_INTERP = 49   # arg: n; pop n parts (first is a path), push a path

# with
PUSH_WITH = 50     # pop a namespace (lazy) and push it on the with stack
POP_WITH = 51
WITH_VAR = 52      # arg: name; push the value of name from the with stack (forced)

# lambdas with formals
FORMALS = 53       # arg: (Lambda); force locals[0]; check it is a set with no unexpected names
FORMAL = 54        # arg: (slot, name); locals[slot] = arg.name (missing: error)
FORMAL_OPT = 55    # arg: (slot, name, Lambda); locals[slot] = arg.name or a deferred default thunk
FINALISE_OPT = 56  # arg: (slot, Lambda); capture upvalues of the default thunk there, if it is ours

# superinstructions: a binary operator whose right operand is a constant (arg)
ADD_C = 57
SUB_C = 58
EQ_C = 59
NEQ_C = 60
LT_C = 61
LE_C = 62
GT_C = 63
GE_C = 64
MUL_C = 65

PRIM = 66          # arg: n; call the builtin in local 0 with the n values on top (trampolines)

SPEC = 67          # arg: (local?, index, op, constant, Lambda): a thunk for `x op c`,
                   # computed at once (READY) when x is already an int, else suspended

NAMES = {v: k for k, v in dict(globals()).items() if k.isupper() and isinstance(v, int)}
