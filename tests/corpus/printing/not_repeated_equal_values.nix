# equal but separately built sets are not repeated
[ { x = 1; } { x = 1; } ]
