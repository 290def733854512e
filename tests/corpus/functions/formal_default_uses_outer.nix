let b = 100; in ({ a ? b }: a) { }
