# attributes print sorted by name, whatever the source order
{ zeta = 1; alpha = 2; Beta = 3; _u = 4; a1 = 5; a10 = 6; a2 = 7; }
