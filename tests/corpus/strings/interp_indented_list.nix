let items = [ "x" "y" ]; in ''
  items: ${builtins.concatStringsSep ", " items}
''
