builtins.toXML ({ x, y ? 1 }: x)
