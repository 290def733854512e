# line and block comments are ignored
[ 1 /* block */ 2 # line
  3 /* multi
  line */ 4 ]
