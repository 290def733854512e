# importing a directory imports its default.nix
import ./data/dir
