# A small library for the REPL tests: loaded with :l, its attributes become variables.
{
  /** Add one to a number. */
  inc = x: x + 1;
  attrsets = { mapAttrs = 1; mapAttrsToList = 2; filterAttrs = 3; };
  answer = 42;
}
