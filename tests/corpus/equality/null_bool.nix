[ (null == null) (true == true) (true == false) (true != false) ]
