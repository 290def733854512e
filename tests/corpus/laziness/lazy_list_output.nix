[ 1 (throw "no") ]
