# the @-name and a formal cannot share a name
(a@{ a }: a) { a = 1; }
