let t = import ../helpers.nix; in
result:
  let
    probe = result.fix (self: { n = 1; m = (self.n or 0) + 1; });
  in
  if !(builtins.isAttrs result && result ? fix && result ? example) then "expected a set with fix and example"
  else if !(builtins.isFunction result.fix) then "fix should be a function"
  else if !(builtins.isAttrs probe) then "fix f should return what f returns, got ${t.describe probe}"
  else if !(probe ? n && probe ? m) then "fix f should return what f returns"
  else if (probe.m or null) != 2 then "in fix (self: ...), self must be the final result"
  else if result.example != { a = 1; b = 2; } then "example should be { a = 1; b = 2; }"
  else true
