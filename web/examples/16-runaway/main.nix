# This never finishes: f calls itself forever (a tail call, so it does not
# even run out of memory). Press Stop, or wait for the time limit set in
# Settings. The next run works right away, without reloading the page.
let
  f = x: f x;
in
  f 1
