builtins.toXML [ true null 2 ]
