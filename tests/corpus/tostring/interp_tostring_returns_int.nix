# interpolation does not accept an integer result
"${{ __toString = self: 5; }}"
