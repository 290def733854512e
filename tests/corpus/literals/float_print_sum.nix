# %g printing with 6 significant digits
0.1 + 0.2
