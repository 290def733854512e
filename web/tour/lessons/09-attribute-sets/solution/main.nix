{
  name = "hello";
  version = "2.12";
}
