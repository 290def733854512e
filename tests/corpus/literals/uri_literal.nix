# URIs are string literals
[ http://example.org/foo a:b mailto:user@host ]
