# trace prints to stderr and returns its second argument
builtins.trace "a message" 42
