# an unused default is never evaluated
({ a, b ? throw "unused" }: a) { a = 1; }
