# a set with __toString on the left of + is coerced too: the result is a string
{ __toString = self: "fix"; } + "-post"
