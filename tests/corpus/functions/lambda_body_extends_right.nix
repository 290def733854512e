# a lambda body extends as far right as possible
(x: x + 1 + 1) 1
