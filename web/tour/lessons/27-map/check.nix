let t = import ../helpers.nix; in
result: { source, ... }:
  if !(builtins.isList result) then "expected a list, got ${t.describe result}"
  else if result != [ "nix-fmt" "nix-lsp" "nix-tree" ] then "expected [ \"nix-fmt\" \"nix-lsp\" \"nix-tree\" ], got ${t.describe result}"
  else if !(t.contains "map" source) then "use map"
  else true
