let boolToString = b: if b then "true" else "false"; in map boolToString [ true false ]
