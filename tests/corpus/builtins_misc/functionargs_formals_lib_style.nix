let callPackage = f: args: f (builtins.intersectAttrs (builtins.functionArgs f) args); in callPackage ({ a, b ? 1 }: a + b) { a = 10; b = 5; c = 99; }
