builtins.path { path = ./data/tree; name = "filtered"; filter = path: type: type == "directory" || builtins.match ".*\\.txt" path != null; }
