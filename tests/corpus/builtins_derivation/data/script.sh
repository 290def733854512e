builder script data
