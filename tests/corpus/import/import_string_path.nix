# an absolute path given as a string works too
import (toString ./data/value.nix)
