toString [ [ ] [ ] "a" ]
