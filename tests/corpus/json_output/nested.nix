{ users = [ { name = "alice"; uid = 1000; } { name = "bob"; uid = 1001; groups = [ "wheel" ]; } ]; }
