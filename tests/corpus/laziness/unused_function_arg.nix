(x: 42) (throw "never")
