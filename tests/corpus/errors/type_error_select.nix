"string".attr
