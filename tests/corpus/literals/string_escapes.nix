# every escape of double-quoted strings
"tab:\t nl:\n cr:\r bs:\\ dq:\" dollar:\${x} single:\$"
