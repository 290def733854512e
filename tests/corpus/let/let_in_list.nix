[ (let x = 1; in x) (let y = 2; in y * y) ]
