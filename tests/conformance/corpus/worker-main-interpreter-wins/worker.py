import sys

from pyscript import config

print(sys.version)
print(dict(config))
