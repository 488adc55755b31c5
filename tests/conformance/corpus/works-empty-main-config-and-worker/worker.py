from pyscript import config

print({k: v for k, v in config.items() if k != "type"})
