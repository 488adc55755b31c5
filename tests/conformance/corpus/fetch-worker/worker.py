with open("a.txt") as handle:
    print(handle.read())
