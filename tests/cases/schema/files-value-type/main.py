print(open("data/data.csv").read())
