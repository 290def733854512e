let n = 3; in throw "value ${toString n} is bad"
