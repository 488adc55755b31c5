from pyscript import config
print(config["ratio"])
