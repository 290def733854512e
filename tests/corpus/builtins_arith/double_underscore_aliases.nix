# the old __name globals still exist
[ (__add 1 2) (__typeOf null) (__length [ 1 ]) ]
