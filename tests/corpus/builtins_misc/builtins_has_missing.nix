map (n: builtins ? ${n}) [ "noSuchThing" "" "Map" ]
