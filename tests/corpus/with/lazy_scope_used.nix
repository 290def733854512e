with (throw "used"); x
