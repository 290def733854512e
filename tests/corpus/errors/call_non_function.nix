let x = { }; in x 1
