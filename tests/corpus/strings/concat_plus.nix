"foo" + "bar" + "" + "baz"
