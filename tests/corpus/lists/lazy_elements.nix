# elements are only evaluated when needed
builtins.length [ (throw "a") (throw "b") ]
