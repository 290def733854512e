throw "thrown inside the imported file"
