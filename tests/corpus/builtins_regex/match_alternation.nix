map (s: builtins.match "(cat|dog)s?" s) [ "cat" "dogs" "cow" ]
