# an unknown escape stands for the character itself
"\a\b\q\z\'"
