[ (if true then "y" else "n") (if 1 > 2 then "y" else "n") ]
