(x: x).attr
