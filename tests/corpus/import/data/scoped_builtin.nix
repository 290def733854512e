toString 5
