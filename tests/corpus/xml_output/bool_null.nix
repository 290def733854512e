[ true false null ]
