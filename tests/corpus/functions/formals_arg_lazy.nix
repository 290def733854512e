# arguments are passed lazily
({ a, b }: a) { a = 1; b = throw "lazy"; }
