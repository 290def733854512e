builtins.functionArgs ({ a, ... }: a)
