# . and .. are resolved when the path is built
[ /foo/../bar/./baz /a/b/.. /. ]
