builtins.hasContext (builtins.toXML "${./data/sample.json}")
