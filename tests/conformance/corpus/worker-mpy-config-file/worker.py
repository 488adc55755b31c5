with open("data.txt") as handle:
    print(handle.read())
