({ a ? throw "no default" }: a) { }
