# the result of __toString is coerced again (here with toString's rules)
toString { __toString = self: 5; }
