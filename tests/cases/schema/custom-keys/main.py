from pyscript import config
print(config["theme"])
