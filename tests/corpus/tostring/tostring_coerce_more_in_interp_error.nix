# interpolation does not coerce null, unlike toString
"${toString null}${null}"
