from pyscript import config

print("role:", config.get("role"))
