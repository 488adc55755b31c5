from pyscript import config

with open("table.csv") as handle:
    rows = handle.read().strip().splitlines()
print(config["greeting"], len(rows), "rows")
