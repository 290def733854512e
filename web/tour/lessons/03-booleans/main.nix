"odd"
