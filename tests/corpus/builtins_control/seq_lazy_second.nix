(builtins.seq 1 (x: throw "unused")) == null
