{ port }:
assert port > 0 && port < 65536;
{ inherit port; }
