"line one"
