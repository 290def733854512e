args@{ a, b }: a
