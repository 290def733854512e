let a = abort "no"; in [ 1 ]
