let
  names = [ "fmt" "lsp" "tree" ];
in
names
