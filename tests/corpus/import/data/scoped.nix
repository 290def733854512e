# free variables x and y come from the scope given to scopedImport
x + y
