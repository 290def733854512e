[ ("apple" < "banana") ("a" < "B") ("abc" >= "abc") ]
