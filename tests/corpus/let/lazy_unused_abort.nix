let bad = abort "never"; in "fine"
