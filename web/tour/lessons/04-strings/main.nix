"Hello"
