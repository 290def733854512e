builtins.toJSON { outPath = "/some/path"; other = 1; }
