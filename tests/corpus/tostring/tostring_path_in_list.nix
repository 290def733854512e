toString [ /a /b/c ]
