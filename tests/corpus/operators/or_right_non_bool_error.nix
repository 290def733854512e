false || 5
