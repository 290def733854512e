# values of different types are simply unequal, no error
[ (1 == "1") (null == false) ([ ] == { }) ("" == null) (0 == false) ]
