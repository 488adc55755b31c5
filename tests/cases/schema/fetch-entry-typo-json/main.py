print(open("a.csv").read())
