(import <mylib>).greet "tour"
