let
  names = [ "fmt" "lsp" "tree" ];
in
map (n: "nix-" + n) names
