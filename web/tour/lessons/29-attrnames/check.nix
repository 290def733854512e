let t = import ../helpers.nix; in
result:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ "git-2.44" "nix-2.8" "vim-9.1" ] then "expected [ \"git-2.44\" \"nix-2.8\" \"vim-9.1\" ], got ${t.describe result}"
  else true
