list: builtins.head list
