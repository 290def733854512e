# __functor receives the set itself
let counter = { count = 3; __functor = self: n: self // { count = self.count + n; }; }; in (counter 2).count
