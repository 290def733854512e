[ toString 5 ]
