# global builtins such as toString are lexical, so with cannot shadow them
with { toString = x: "mine"; }; toString 1
