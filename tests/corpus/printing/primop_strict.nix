[ builtins.map builtins.length builtins.add ]
