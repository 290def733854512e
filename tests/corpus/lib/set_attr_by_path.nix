let setAttrByPath = path: value: if path == [ ] then value else { ${builtins.head path} = setAttrByPath (builtins.tail path) value; }; in setAttrByPath [ "services" "nginx" "enable" ] true
