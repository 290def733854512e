builtins.splitVersion "2.3a-pre1"
