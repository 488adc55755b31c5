from pyscript import config
