(args@{ a, b ? 2 }: args) { a = 1; }
