"${./data/tree}"
