with open("words.txt") as handle:
    print(handle.read())
