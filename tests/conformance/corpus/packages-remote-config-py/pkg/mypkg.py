NAME = "mypkg"
