with open("data.csv") as handle:
    print(handle.read())
