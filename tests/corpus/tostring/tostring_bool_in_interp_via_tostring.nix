"flag=${toString true} off=${toString false}"
