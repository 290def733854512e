{ name, ... }: "${name} has 1 attributes"
