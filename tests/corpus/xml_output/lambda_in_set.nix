{ f = { x }: x; g = y: y; }
