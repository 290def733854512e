rec { self = { inherit self; }; }
