# path literals may contain - _ . +
baseNameOf ./a-b_c.d+e
