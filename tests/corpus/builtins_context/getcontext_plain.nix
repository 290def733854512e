builtins.getContext "no context"
