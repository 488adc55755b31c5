from pyscript import config

with open("data.txt") as handle:
    print(config["mode"], handle.read())
