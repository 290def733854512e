# leading zeros are allowed in integer literals
[ 007 00 0100 ]
