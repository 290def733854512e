# A Nix program is one expression; evaluating it gives a value.
# Change something and press Run (Ctrl+Enter).
{
  sum = 1 + 2 * 3;
  division = 7 / 2;        # integers divide to integers
  float = 7.0 / 2;         # one float makes the result a float
  greeting = "Hello, " + "Nix!";
  logic = 3 < 5 && !(2 == 3);
  nothing = null;
  list = [ 1 "two" 3.0 true ];
}
