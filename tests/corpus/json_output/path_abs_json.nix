# absolute paths that do not exist cannot be copied to the store
{ p = /nonexistent/path/for/json; }
