from pyscript import config

print("greeting:", config.get("greeting"))
