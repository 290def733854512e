builtins.match "[\\]+" "\\\\"
