assert "yes"; 1
