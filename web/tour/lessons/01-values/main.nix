# This file is one Nix expression. Change it!
6 + 7
