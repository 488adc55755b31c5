from pyscript import config

with open("data.txt") as handle:
    print(config["greeting"], handle.read())
