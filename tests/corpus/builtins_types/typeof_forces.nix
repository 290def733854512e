# typeOf forces its argument
builtins.typeOf (throw "forced")
