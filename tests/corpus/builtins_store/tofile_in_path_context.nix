builtins.hasContext (builtins.path { path = ./data/tree; name = "ctx"; })
