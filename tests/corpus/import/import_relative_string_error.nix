# a relative path as a string is not accepted
import "data/value.nix"
