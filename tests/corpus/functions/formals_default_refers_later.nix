# ... even ones declared after it
({ x ? y + 1, y }: x) { y = 1; }
