# a set with __toString can be interpolated
"v=${{ __toString = self: "custom"; }}"
