# equality forces values deeply
{ a = throw "forced"; } == { a = 1; }
