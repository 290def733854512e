# seq only forces to weak head normal form
builtins.seq [ (throw "inner") ] "ok"
