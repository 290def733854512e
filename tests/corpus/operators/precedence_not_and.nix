[ (!true && false) (!(true && false)) ]
