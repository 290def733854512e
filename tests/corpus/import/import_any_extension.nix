# any file can be imported as a Nix expression
import ./data/expr.txt
